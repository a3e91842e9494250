"""The kinds' declarations as the first window reads them, without SQLAlchemy.

Derived from core.records.registry by core.records.digest: each kind's table,
whether it has a page (and its title), the SQL condition that keeps what may
be shown (`{a}` stands for the row's alias), the columns its name is read from
and sorted by in each language, the records that own it, and its number in the
search index.
"""

# Written by scripts/update_kind_digest.py from core.records.registry: do not edit.
KINDS = {'organization': {'table': 'organizations',
                  'top_level': True,
                  'plural_label': 'Organisations',
                  'new_label': 'New organisation',
                  'live': '{a}.deleted_at IS NULL',
                  'name': {'uk': ['name_uk', 'name', 'name_lang'],
                           'lt': ['name_lt', 'name', 'name_lang'],
                           'en': ['name_en', 'name', 'name_lang']},
                  'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
                  'owner_columns': None,
                  'owned_by': [],
                  'slot': 1},
 'person': {'table': 'people',
            'top_level': True,
            'plural_label': 'People',
            'new_label': 'New person',
            'live': '{a}.deleted_at IS NULL',
            'name': {'uk': ['full_name'], 'lt': ['full_name'], 'en': ['full_name']},
            'order': {'uk': 'sort_key', 'lt': 'sort_key', 'en': 'sort_key'},
            'owner_columns': None,
            'owned_by': [],
            'slot': 2},
 'agreement': {'table': 'agreements',
               'top_level': True,
               'plural_label': 'Agreements',
               'new_label': 'New agreement',
               'live': '{a}.deleted_at IS NULL',
               'name': {'uk': ['title_uk', 'title', 'title_lang'],
                        'lt': ['title_lt', 'title', 'title_lang'],
                        'en': ['title_en', 'title', 'title_lang']},
               'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
               'owner_columns': None,
               'owned_by': [],
               'slot': 3},
 'project': {'table': 'projects',
             'top_level': True,
             'plural_label': 'Projects',
             'new_label': 'New project',
             'live': '{a}.deleted_at IS NULL',
             'name': {'uk': ['title_uk', 'title', 'title_lang'],
                      'lt': ['title_lt', 'title', 'title_lang'],
                      'en': ['title_en', 'title', 'title_lang']},
             'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
             'owner_columns': None,
             'owned_by': [],
             'slot': 4},
 'activity': {'table': 'activities',
              'top_level': True,
              'plural_label': 'Activities',
              'new_label': 'New activity',
              'live': '{a}.deleted_at IS NULL',
              'name': {'uk': ['title_uk', 'title', 'title_lang'],
                       'lt': ['title_lt', 'title', 'title_lang'],
                       'en': ['title_en', 'title', 'title_lang']},
              'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
              'owner_columns': None,
              'owned_by': [],
              'slot': 5},
 'need': {'table': 'needs',
          'top_level': True,
          'plural_label': 'Needs',
          'new_label': 'New need',
          'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM organizations '
                  '{a}_organization_id WHERE {a}_organization_id.id = {a}.organization_id '
                  'AND {a}_organization_id.deleted_at IS NULL)',
          'name': {'uk': ['item_uk', 'item', 'item_lang'],
                   'lt': ['item_lt', 'item', 'item_lang'],
                   'en': ['item_en', 'item', 'item_lang']},
          'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
          'owner_columns': None,
          'owned_by': [],
          'slot': 6},
 'pledge': {'table': 'pledges',
            'top_level': False,
            'plural_label': None,
            'new_label': None,
            'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM needs {a}_need_id '
                    'WHERE {a}_need_id.id = {a}.need_id AND {a}_need_id.deleted_at IS '
                    'NULL) AND EXISTS (SELECT 1 FROM organizations {a}_organization_id '
                    'WHERE {a}_organization_id.id = {a}.organization_id AND '
                    '{a}_organization_id.deleted_at IS NULL)',
            'name': {'uk': ['organization_id'],
                     'lt': ['organization_id'],
                     'en': ['organization_id']},
            'order': None,
            'owner_columns': None,
            'owned_by': [['need', 'need_id'], ['organization', 'organization_id']],
            'slot': None},
 'affiliation': {'table': 'affiliations',
                 'top_level': False,
                 'plural_label': None,
                 'new_label': None,
                 'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM people '
                         '{a}_person_id WHERE {a}_person_id.id = {a}.person_id AND '
                         '{a}_person_id.deleted_at IS NULL) AND EXISTS (SELECT 1 FROM '
                         'organizations {a}_organization_id WHERE {a}_organization_id.id = '
                         '{a}.organization_id AND {a}_organization_id.deleted_at IS NULL)',
                 'name': {'uk': ['position'], 'lt': ['position'], 'en': ['position']},
                 'order': None,
                 'owner_columns': None,
                 'owned_by': [['organization', 'organization_id'], ['person', 'person_id']],
                 'slot': None},
 'contact_point': {'table': 'contact_points',
                   'top_level': False,
                   'plural_label': None,
                   'new_label': None,
                   'live': '{a}.deleted_at IS NULL AND ({a}.person_id IS NULL OR EXISTS '
                           '(SELECT 1 FROM people {a}_person_id WHERE {a}_person_id.id = '
                           '{a}.person_id AND {a}_person_id.deleted_at IS NULL)) AND '
                           '({a}.organization_id IS NULL OR EXISTS (SELECT 1 FROM '
                           'organizations {a}_organization_id WHERE {a}_organization_id.id '
                           '= {a}.organization_id AND {a}_organization_id.deleted_at IS '
                           'NULL))',
                   'name': {'uk': ['value'], 'lt': ['value'], 'en': ['value']},
                   'order': None,
                   'owner_columns': None,
                   'owned_by': [['organization', 'organization_id'],
                                ['person', 'person_id']],
                   'slot': None},
 'tag': {'table': 'tags',
         'top_level': False,
         'plural_label': None,
         'new_label': None,
         'live': '{a}.deleted_at IS NULL',
         'name': {'uk': ['name'], 'lt': ['name'], 'en': ['name']},
         'order': None,
         'owner_columns': None,
         'owned_by': [],
         'slot': None},
 'tag_link': {'table': 'tag_links',
              'top_level': False,
              'plural_label': None,
              'new_label': None,
              'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM tags {a}_tag_id '
                      'WHERE {a}_tag_id.id = {a}.tag_id AND {a}_tag_id.deleted_at IS NULL)',
              'name': {'uk': ['entity_kind'], 'lt': ['entity_kind'], 'en': ['entity_kind']},
              'order': None,
              'owner_columns': ['entity_kind', 'entity_id'],
              'owned_by': [],
              'slot': None},
 'priority_area': {'table': 'priority_areas',
                   'top_level': False,
                   'plural_label': None,
                   'new_label': None,
                   'live': '{a}.deleted_at IS NULL',
                   'name': {'uk': ['name_uk', 'name', 'name_lang'],
                            'lt': ['name_lt', 'name', 'name_lang'],
                            'en': ['name_en', 'name', 'name_lang']},
                   'order': None,
                   'owner_columns': None,
                   'owned_by': [],
                   'slot': None},
 'agreement_party': {'table': 'agreement_parties',
                     'top_level': False,
                     'plural_label': None,
                     'new_label': None,
                     'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM agreements '
                             '{a}_agreement_id WHERE {a}_agreement_id.id = '
                             '{a}.agreement_id AND {a}_agreement_id.deleted_at IS NULL) '
                             'AND EXISTS (SELECT 1 FROM organizations {a}_organization_id '
                             'WHERE {a}_organization_id.id = {a}.organization_id AND '
                             '{a}_organization_id.deleted_at IS NULL)',
                     'name': {'uk': ['role'], 'lt': ['role'], 'en': ['role']},
                     'order': None,
                     'owner_columns': None,
                     'owned_by': [['agreement', 'agreement_id'],
                                  ['organization', 'organization_id']],
                     'slot': None},
 'signatory': {'table': 'signatories',
               'top_level': False,
               'plural_label': None,
               'new_label': None,
               'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM agreements '
                       '{a}_agreement_id WHERE {a}_agreement_id.id = {a}.agreement_id AND '
                       '{a}_agreement_id.deleted_at IS NULL) AND EXISTS (SELECT 1 FROM '
                       'people {a}_person_id WHERE {a}_person_id.id = {a}.person_id AND '
                       '{a}_person_id.deleted_at IS NULL) AND EXISTS (SELECT 1 FROM '
                       'organizations {a}_organization_id WHERE {a}_organization_id.id = '
                       '{a}.organization_id AND {a}_organization_id.deleted_at IS NULL)',
               'name': {'uk': ['title_at_signing'],
                        'lt': ['title_at_signing'],
                        'en': ['title_at_signing']},
               'order': None,
               'owner_columns': None,
               'owned_by': [['agreement', 'agreement_id'],
                            ['organization', 'organization_id']],
               'slot': None},
 'commitment': {'table': 'commitments',
                'top_level': False,
                'plural_label': None,
                'new_label': None,
                'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM agreements '
                        '{a}_agreement_id WHERE {a}_agreement_id.id = {a}.agreement_id AND '
                        '{a}_agreement_id.deleted_at IS NULL)',
                'name': {'uk': ['description_uk', 'description', 'description_lang'],
                         'lt': ['description_lt', 'description', 'description_lang'],
                         'en': ['description_en', 'description', 'description_lang']},
                'order': None,
                'owner_columns': None,
                'owned_by': [['agreement', 'agreement_id']],
                'slot': None},
 'agreement_priority_area': {'table': 'agreement_priority_areas',
                             'top_level': False,
                             'plural_label': None,
                             'new_label': None,
                             'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM '
                                     'agreements {a}_agreement_id WHERE '
                                     '{a}_agreement_id.id = {a}.agreement_id AND '
                                     '{a}_agreement_id.deleted_at IS NULL) AND EXISTS '
                                     '(SELECT 1 FROM priority_areas {a}_priority_area_id '
                                     'WHERE {a}_priority_area_id.id = {a}.priority_area_id '
                                     'AND {a}_priority_area_id.deleted_at IS NULL)',
                             'name': {'uk': ['priority_area_id'],
                                      'lt': ['priority_area_id'],
                                      'en': ['priority_area_id']},
                             'order': None,
                             'owner_columns': None,
                             'owned_by': [['agreement', 'agreement_id']],
                             'slot': None},
 'project_partner': {'table': 'project_partners',
                     'top_level': False,
                     'plural_label': None,
                     'new_label': None,
                     'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM projects '
                             '{a}_project_id WHERE {a}_project_id.id = {a}.project_id AND '
                             '{a}_project_id.deleted_at IS NULL) AND EXISTS (SELECT 1 FROM '
                             'organizations {a}_organization_id WHERE '
                             '{a}_organization_id.id = {a}.organization_id AND '
                             '{a}_organization_id.deleted_at IS NULL)',
                     'name': {'uk': ['role'], 'lt': ['role'], 'en': ['role']},
                     'order': None,
                     'owner_columns': None,
                     'owned_by': [['project', 'project_id'],
                                  ['organization', 'organization_id']],
                     'slot': None},
 'project_agreement': {'table': 'project_agreements',
                       'top_level': False,
                       'plural_label': None,
                       'new_label': None,
                       'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM projects '
                               '{a}_project_id WHERE {a}_project_id.id = {a}.project_id '
                               'AND {a}_project_id.deleted_at IS NULL) AND EXISTS (SELECT '
                               '1 FROM agreements {a}_agreement_id WHERE '
                               '{a}_agreement_id.id = {a}.agreement_id AND '
                               '{a}_agreement_id.deleted_at IS NULL)',
                       'name': {'uk': ['project_id'],
                                'lt': ['project_id'],
                                'en': ['project_id']},
                       'order': None,
                       'owner_columns': None,
                       'owned_by': [['agreement', 'agreement_id'],
                                    ['project', 'project_id']],
                       'slot': None},
 'project_priority_area': {'table': 'project_priority_areas',
                           'top_level': False,
                           'plural_label': None,
                           'new_label': None,
                           'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM '
                                   'projects {a}_project_id WHERE {a}_project_id.id = '
                                   '{a}.project_id AND {a}_project_id.deleted_at IS NULL) '
                                   'AND EXISTS (SELECT 1 FROM priority_areas '
                                   '{a}_priority_area_id WHERE {a}_priority_area_id.id = '
                                   '{a}.priority_area_id AND '
                                   '{a}_priority_area_id.deleted_at IS NULL)',
                           'name': {'uk': ['priority_area_id'],
                                    'lt': ['priority_area_id'],
                                    'en': ['priority_area_id']},
                           'order': None,
                           'owner_columns': None,
                           'owned_by': [['project', 'project_id']],
                           'slot': None},
 'milestone': {'table': 'milestones',
               'top_level': False,
               'plural_label': None,
               'new_label': None,
               'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM projects '
                       '{a}_project_id WHERE {a}_project_id.id = {a}.project_id AND '
                       '{a}_project_id.deleted_at IS NULL)',
               'name': {'uk': ['title_uk', 'title', 'title_lang'],
                        'lt': ['title_lt', 'title', 'title_lang'],
                        'en': ['title_en', 'title', 'title_lang']},
               'order': None,
               'owner_columns': None,
               'owned_by': [['project', 'project_id']],
               'slot': None},
 'aid_delivery': {'table': 'aid_deliveries',
                  'top_level': False,
                  'plural_label': None,
                  'new_label': None,
                  'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM projects '
                          '{a}_project_id WHERE {a}_project_id.id = {a}.project_id AND '
                          '{a}_project_id.deleted_at IS NULL)',
                  'name': {'uk': ['item_uk', 'item', 'item_lang'],
                           'lt': ['item_lt', 'item', 'item_lang'],
                           'en': ['item_en', 'item', 'item_lang']},
                  'order': None,
                  'owner_columns': None,
                  'owned_by': [['project', 'project_id']],
                  'slot': None},
 'activity_participant': {'table': 'activity_participants',
                          'top_level': False,
                          'plural_label': None,
                          'new_label': None,
                          'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM '
                                  'activities {a}_activity_id WHERE {a}_activity_id.id = '
                                  '{a}.activity_id AND {a}_activity_id.deleted_at IS NULL) '
                                  'AND ({a}.person_id IS NULL OR EXISTS (SELECT 1 FROM '
                                  'people {a}_person_id WHERE {a}_person_id.id = '
                                  '{a}.person_id AND {a}_person_id.deleted_at IS NULL)) '
                                  'AND ({a}.organization_id IS NULL OR EXISTS (SELECT 1 '
                                  'FROM organizations {a}_organization_id WHERE '
                                  '{a}_organization_id.id = {a}.organization_id AND '
                                  '{a}_organization_id.deleted_at IS NULL))',
                          'name': {'uk': ['activity_id'],
                                   'lt': ['activity_id'],
                                   'en': ['activity_id']},
                          'order': None,
                          'owner_columns': None,
                          'owned_by': [['activity', 'activity_id'],
                                       ['organization', 'organization_id']],
                          'slot': None},
 'attachment': {'table': 'attachments',
                'top_level': False,
                'plural_label': None,
                'new_label': None,
                'live': '{a}.deleted_at IS NULL',
                'name': {'uk': ['filename'], 'lt': ['filename'], 'en': ['filename']},
                'order': None,
                'owner_columns': ['owner_kind', 'owner_id'],
                'owned_by': [],
                'slot': None},
 'source': {'table': 'sources',
            'top_level': False,
            'plural_label': None,
            'new_label': None,
            'live': '{a}.deleted_at IS NULL',
            'name': {'uk': ['title'], 'lt': ['title'], 'en': ['title']},
            'order': None,
            'owner_columns': ['owner_kind', 'owner_id'],
            'owned_by': [],
            'slot': None}}
