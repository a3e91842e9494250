"""The kinds' declarations as the first window reads them, without SQLAlchemy.

Derived from core.records.registry by core.records.digest: each kind's table,
whether it has a page (and its title), the SQL condition that keeps what may
be shown (`{a}` stands for the row's alias), the columns its name is read from
and sorted by in each language, the records that own it, and the list of a kind
with a page (its columns, and the SQL each reads and sorts by in each language).
"""

# Written by scripts/update_kind_digest.py from core.records.registry: do not edit.
KINDS = {'organization': {'table': 'organizations',
                  'top_level': True,
                  'plural_label': 'Organisations',
                  'live': '{a}.deleted_at IS NULL',
                  'name': {'uk': ['name_uk', 'name', 'name_lang'],
                           'lt': ['name_lt', 'name', 'name_lang'],
                           'en': ['name_en', 'name', 'name_lang']},
                  'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
                  'owner_columns': None,
                  'owned_by': [],
                  'slot': 1,
                  'list': {'columns': [{'key': 'name',
                                        'title': 'Name',
                                        'sortable': True,
                                        'width': 40,
                                        'sample': None,
                                        'labels': None,
                                        'shown': 'translated'},
                                       {'key': 'kind',
                                        'title': 'Kind',
                                        'sortable': True,
                                        'width': 22,
                                        'sample': None,
                                        'labels': {'municipality': 'Municipality / '
                                                                   'community',
                                                   'association': 'Association',
                                                   'ngo': 'NGO',
                                                   'donor': 'Donor',
                                                   'ministry': 'Ministry / government body',
                                                   'company': 'Company',
                                                   'other': 'Other'},
                                        'shown': 'label'},
                                       {'key': 'country',
                                        'title': 'Country',
                                        'sortable': True,
                                        'width': 8,
                                        'sample': None,
                                        'labels': None,
                                        'shown': 'text'},
                                       {'key': 'region',
                                        'title': 'Region',
                                        'sortable': True,
                                        'width': 18,
                                        'sample': None,
                                        'labels': None,
                                        'shown': 'text'},
                                       {'key': 'parent',
                                        'title': 'Member of',
                                        'sortable': False,
                                        'width': 30,
                                        'sample': None,
                                        'labels': None,
                                        'shown': 'translated'}],
                           'default_sort': 0,
                           'default_descending': False,
                           'reads': {'uk': [['organizations.name_uk',
                                             'organizations.name',
                                             'organizations.name_lang'],
                                            ['organizations.kind'],
                                            ['organizations.country'],
                                            ['organizations.region'],
                                            ['(SELECT organizations_1.name_uk FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)',
                                             '(SELECT organizations_1.name FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)',
                                             '(SELECT organizations_1.name_lang FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)']],
                                     'lt': [['organizations.name_lt',
                                             'organizations.name',
                                             'organizations.name_lang'],
                                            ['organizations.kind'],
                                            ['organizations.country'],
                                            ['organizations.region'],
                                            ['(SELECT organizations_1.name_lt FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)',
                                             '(SELECT organizations_1.name FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)',
                                             '(SELECT organizations_1.name_lang FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)']],
                                     'en': [['organizations.name_en',
                                             'organizations.name',
                                             'organizations.name_lang'],
                                            ['organizations.kind'],
                                            ['organizations.country'],
                                            ['organizations.region'],
                                            ['(SELECT organizations_1.name_en FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)',
                                             '(SELECT organizations_1.name FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)',
                                             '(SELECT organizations_1.name_lang FROM '
                                             'organizations AS organizations_1 WHERE '
                                             'organizations_1.id = organizations.parent_id '
                                             'AND organizations_1.deleted_at IS NULL LIMIT '
                                             '1 OFFSET 0)']]},
                           'order': {'uk': [['organizations.sort_key_uk', False],
                                            ['organizations.kind', False],
                                            ['organizations.country', True],
                                            ['organizations.region', True],
                                            None],
                                     'lt': [['organizations.sort_key_lt', False],
                                            ['organizations.kind', False],
                                            ['organizations.country', True],
                                            ['organizations.region', True],
                                            None],
                                     'en': [['organizations.sort_key_en', False],
                                            ['organizations.kind', False],
                                            ['organizations.country', True],
                                            ['organizations.region', True],
                                            None]}}},
 'person': {'table': 'people',
            'top_level': True,
            'plural_label': 'People',
            'live': '{a}.deleted_at IS NULL',
            'name': {'uk': ['full_name'], 'lt': ['full_name'], 'en': ['full_name']},
            'order': {'uk': 'sort_key', 'lt': 'sort_key', 'en': 'sort_key'},
            'owner_columns': None,
            'owned_by': [],
            'slot': 2,
            'list': {'columns': [{'key': 'full_name',
                                  'title': 'Full name',
                                  'sortable': True,
                                  'width': 28,
                                  'sample': None,
                                  'labels': None,
                                  'shown': 'text'},
                                 {'key': 'latin_name',
                                  'title': 'Latin spelling',
                                  'sortable': True,
                                  'width': 24,
                                  'sample': None,
                                  'labels': None,
                                  'shown': 'text'},
                                 {'key': 'position',
                                  'title': 'Position',
                                  'sortable': False,
                                  'width': 44,
                                  'sample': None,
                                  'labels': None,
                                  'shown': 'text'},
                                 {'key': 'languages',
                                  'title': 'Languages',
                                  'sortable': False,
                                  'width': 10,
                                  'sample': None,
                                  'labels': None,
                                  'shown': 'text'}],
                     'default_sort': 0,
                     'default_descending': False,
                     'reads': {'uk': [['people.full_name'],
                                      ['people.latin_name'],
                                      ["(SELECT coalesce(affiliations_1.position || ', ', "
                                       "'') || organizations_1.name AS anon_1 FROM "
                                       'affiliations AS affiliations_1 JOIN organizations '
                                       'AS organizations_1 ON organizations_1.id = '
                                       'affiliations_1.organization_id WHERE '
                                       'affiliations_1.person_id = people.id AND '
                                       'affiliations_1.deleted_at IS NULL AND '
                                       'organizations_1.deleted_at IS NULL AND '
                                       '(affiliations_1.start_on IS NULL OR '
                                       'affiliations_1.start_on <= :today) AND '
                                       '(affiliations_1.end_on IS NULL OR '
                                       'affiliations_1.end_on >= :today) ORDER BY '
                                       'affiliations_1.start_on DESC, '
                                       'affiliations_1.created_at DESC LIMIT 1 OFFSET 0)'],
                                      ['people.languages']],
                               'lt': [['people.full_name'],
                                      ['people.latin_name'],
                                      ["(SELECT coalesce(affiliations_1.position || ', ', "
                                       "'') || organizations_1.name AS anon_1 FROM "
                                       'affiliations AS affiliations_1 JOIN organizations '
                                       'AS organizations_1 ON organizations_1.id = '
                                       'affiliations_1.organization_id WHERE '
                                       'affiliations_1.person_id = people.id AND '
                                       'affiliations_1.deleted_at IS NULL AND '
                                       'organizations_1.deleted_at IS NULL AND '
                                       '(affiliations_1.start_on IS NULL OR '
                                       'affiliations_1.start_on <= :today) AND '
                                       '(affiliations_1.end_on IS NULL OR '
                                       'affiliations_1.end_on >= :today) ORDER BY '
                                       'affiliations_1.start_on DESC, '
                                       'affiliations_1.created_at DESC LIMIT 1 OFFSET 0)'],
                                      ['people.languages']],
                               'en': [['people.full_name'],
                                      ['people.latin_name'],
                                      ["(SELECT coalesce(affiliations_1.position || ', ', "
                                       "'') || organizations_1.name AS anon_1 FROM "
                                       'affiliations AS affiliations_1 JOIN organizations '
                                       'AS organizations_1 ON organizations_1.id = '
                                       'affiliations_1.organization_id WHERE '
                                       'affiliations_1.person_id = people.id AND '
                                       'affiliations_1.deleted_at IS NULL AND '
                                       'organizations_1.deleted_at IS NULL AND '
                                       '(affiliations_1.start_on IS NULL OR '
                                       'affiliations_1.start_on <= :today) AND '
                                       '(affiliations_1.end_on IS NULL OR '
                                       'affiliations_1.end_on >= :today) ORDER BY '
                                       'affiliations_1.start_on DESC, '
                                       'affiliations_1.created_at DESC LIMIT 1 OFFSET 0)'],
                                      ['people.languages']]},
                     'order': {'uk': [['people.sort_key', False],
                                      ['people.latin_name', True],
                                      None,
                                      None],
                               'lt': [['people.sort_key', False],
                                      ['people.latin_name', True],
                                      None,
                                      None],
                               'en': [['people.sort_key', False],
                                      ['people.latin_name', True],
                                      None,
                                      None]}}},
 'agreement': {'table': 'agreements',
               'top_level': True,
               'plural_label': 'Agreements',
               'live': '{a}.deleted_at IS NULL',
               'name': {'uk': ['title_uk', 'title', 'title_lang'],
                        'lt': ['title_lt', 'title', 'title_lang'],
                        'en': ['title_en', 'title', 'title_lang']},
               'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
               'owner_columns': None,
               'owned_by': [],
               'slot': 3,
               'list': {'columns': [{'key': 'title',
                                     'title': 'Title',
                                     'sortable': True,
                                     'width': 44,
                                     'sample': None,
                                     'labels': None,
                                     'shown': 'translated'},
                                    {'key': 'kind',
                                     'title': 'Kind',
                                     'sortable': True,
                                     'width': 24,
                                     'sample': None,
                                     'labels': {'memorandum': 'Memorandum of cooperation',
                                                'mou': 'Memorandum of understanding',
                                                'twinning': 'Twinning agreement',
                                                'partnership': 'Partnership agreement',
                                                'grant': 'Grant agreement',
                                                'letter_of_intent': 'Letter of intent'},
                                     'shown': 'label'},
                                    {'key': 'status',
                                     'title': 'Status',
                                     'sortable': True,
                                     'width': 12,
                                     'sample': None,
                                     'labels': {'draft': 'Draft',
                                                'negotiation': 'In negotiation',
                                                'signed': 'Signed',
                                                'active': 'Active',
                                                'expired': 'Expired',
                                                'terminated': 'Terminated'},
                                     'shown': 'label'},
                                    {'key': 'signed_on',
                                     'title': 'Signed',
                                     'sortable': True,
                                     'width': 15,
                                     'sample': 'date',
                                     'labels': None,
                                     'shown': 'date'},
                                    {'key': 'expires_on',
                                     'title': 'Expires',
                                     'sortable': True,
                                     'width': 15,
                                     'sample': 'date',
                                     'labels': None,
                                     'shown': 'date'}],
                        'default_sort': 0,
                        'default_descending': False,
                        'reads': {'uk': [['agreements.title_uk',
                                          'agreements.title',
                                          'agreements.title_lang'],
                                         ['agreements.kind'],
                                         ['agreements.status'],
                                         ['agreements.signed_on'],
                                         ['agreements.expires_on']],
                                  'lt': [['agreements.title_lt',
                                          'agreements.title',
                                          'agreements.title_lang'],
                                         ['agreements.kind'],
                                         ['agreements.status'],
                                         ['agreements.signed_on'],
                                         ['agreements.expires_on']],
                                  'en': [['agreements.title_en',
                                          'agreements.title',
                                          'agreements.title_lang'],
                                         ['agreements.kind'],
                                         ['agreements.status'],
                                         ['agreements.signed_on'],
                                         ['agreements.expires_on']]},
                        'order': {'uk': [['agreements.sort_key_uk', False],
                                         ['agreements.kind', False],
                                         ['agreements.status', False],
                                         ['agreements.signed_on', True],
                                         ['agreements.expires_on', True]],
                                  'lt': [['agreements.sort_key_lt', False],
                                         ['agreements.kind', False],
                                         ['agreements.status', False],
                                         ['agreements.signed_on', True],
                                         ['agreements.expires_on', True]],
                                  'en': [['agreements.sort_key_en', False],
                                         ['agreements.kind', False],
                                         ['agreements.status', False],
                                         ['agreements.signed_on', True],
                                         ['agreements.expires_on', True]]}}},
 'project': {'table': 'projects',
             'top_level': True,
             'plural_label': 'Projects',
             'live': '{a}.deleted_at IS NULL',
             'name': {'uk': ['title_uk', 'title', 'title_lang'],
                      'lt': ['title_lt', 'title', 'title_lang'],
                      'en': ['title_en', 'title', 'title_lang']},
             'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
             'owner_columns': None,
             'owned_by': [],
             'slot': 4,
             'list': {'columns': [{'key': 'title',
                                   'title': 'Title',
                                   'sortable': True,
                                   'width': 40,
                                   'sample': None,
                                   'labels': None,
                                   'shown': 'translated'},
                                  {'key': 'status',
                                   'title': 'Status',
                                   'sortable': True,
                                   'width': 12,
                                   'sample': None,
                                   'labels': {'planned': 'Planned',
                                              'active': 'Active',
                                              'on_hold': 'On hold',
                                              'completed': 'Completed',
                                              'cancelled': 'Cancelled'},
                                   'shown': 'label'},
                                  {'key': 'lead',
                                   'title': 'Lead organisation',
                                   'sortable': False,
                                   'width': 28,
                                   'sample': None,
                                   'labels': None,
                                   'shown': 'translated'},
                                  {'key': 'start_on',
                                   'title': 'Start',
                                   'sortable': True,
                                   'width': 15,
                                   'sample': 'date',
                                   'labels': None,
                                   'shown': 'date'},
                                  {'key': 'end_on',
                                   'title': 'End',
                                   'sortable': True,
                                   'width': 15,
                                   'sample': 'date',
                                   'labels': None,
                                   'shown': 'date'},
                                  {'key': 'budget',
                                   'title': 'Budget',
                                   'sortable': True,
                                   'width': 16,
                                   'sample': 'money',
                                   'labels': None,
                                   'shown': 'money'}],
                      'default_sort': 0,
                      'default_descending': False,
                      'reads': {'uk': [['projects.title_uk',
                                        'projects.title',
                                        'projects.title_lang'],
                                       ['projects.status'],
                                       ['(SELECT organizations_1.name_uk FROM '
                                        'organizations AS organizations_1 WHERE '
                                        'organizations_1.id = projects.lead_id AND '
                                        'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                        '0)',
                                        '(SELECT organizations_1.name FROM organizations '
                                        'AS organizations_1 WHERE organizations_1.id = '
                                        'projects.lead_id AND organizations_1.deleted_at '
                                        'IS NULL LIMIT 1 OFFSET 0)',
                                        '(SELECT organizations_1.name_lang FROM '
                                        'organizations AS organizations_1 WHERE '
                                        'organizations_1.id = projects.lead_id AND '
                                        'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                        '0)'],
                                       ['projects.start_on'],
                                       ['projects.end_on'],
                                       ['projects.budget_minor', 'projects.currency']],
                                'lt': [['projects.title_lt',
                                        'projects.title',
                                        'projects.title_lang'],
                                       ['projects.status'],
                                       ['(SELECT organizations_1.name_lt FROM '
                                        'organizations AS organizations_1 WHERE '
                                        'organizations_1.id = projects.lead_id AND '
                                        'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                        '0)',
                                        '(SELECT organizations_1.name FROM organizations '
                                        'AS organizations_1 WHERE organizations_1.id = '
                                        'projects.lead_id AND organizations_1.deleted_at '
                                        'IS NULL LIMIT 1 OFFSET 0)',
                                        '(SELECT organizations_1.name_lang FROM '
                                        'organizations AS organizations_1 WHERE '
                                        'organizations_1.id = projects.lead_id AND '
                                        'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                        '0)'],
                                       ['projects.start_on'],
                                       ['projects.end_on'],
                                       ['projects.budget_minor', 'projects.currency']],
                                'en': [['projects.title_en',
                                        'projects.title',
                                        'projects.title_lang'],
                                       ['projects.status'],
                                       ['(SELECT organizations_1.name_en FROM '
                                        'organizations AS organizations_1 WHERE '
                                        'organizations_1.id = projects.lead_id AND '
                                        'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                        '0)',
                                        '(SELECT organizations_1.name FROM organizations '
                                        'AS organizations_1 WHERE organizations_1.id = '
                                        'projects.lead_id AND organizations_1.deleted_at '
                                        'IS NULL LIMIT 1 OFFSET 0)',
                                        '(SELECT organizations_1.name_lang FROM '
                                        'organizations AS organizations_1 WHERE '
                                        'organizations_1.id = projects.lead_id AND '
                                        'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                        '0)'],
                                       ['projects.start_on'],
                                       ['projects.end_on'],
                                       ['projects.budget_minor', 'projects.currency']]},
                      'order': {'uk': [['projects.sort_key_uk', False],
                                       ['projects.status', False],
                                       None,
                                       ['projects.start_on', True],
                                       ['projects.end_on', True],
                                       ['projects.budget_minor', True]],
                                'lt': [['projects.sort_key_lt', False],
                                       ['projects.status', False],
                                       None,
                                       ['projects.start_on', True],
                                       ['projects.end_on', True],
                                       ['projects.budget_minor', True]],
                                'en': [['projects.sort_key_en', False],
                                       ['projects.status', False],
                                       None,
                                       ['projects.start_on', True],
                                       ['projects.end_on', True],
                                       ['projects.budget_minor', True]]}}},
 'activity': {'table': 'activities',
              'top_level': True,
              'plural_label': 'Activities',
              'live': '{a}.deleted_at IS NULL',
              'name': {'uk': ['title_uk', 'title', 'title_lang'],
                       'lt': ['title_lt', 'title', 'title_lang'],
                       'en': ['title_en', 'title', 'title_lang']},
              'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
              'owner_columns': None,
              'owned_by': [],
              'slot': 5,
              'list': {'columns': [{'key': 'occurs_on',
                                    'title': 'Date',
                                    'sortable': True,
                                    'width': 15,
                                    'sample': 'date',
                                    'labels': None,
                                    'shown': 'date'},
                                   {'key': 'title',
                                    'title': 'Title',
                                    'sortable': True,
                                    'width': 44,
                                    'sample': None,
                                    'labels': None,
                                    'shown': 'translated'},
                                   {'key': 'kind',
                                    'title': 'Kind',
                                    'sortable': True,
                                    'width': 12,
                                    'sample': None,
                                    'labels': {'meeting': 'Meeting',
                                               'call': 'Call',
                                               'visit': 'Visit',
                                               'signing': 'Signing',
                                               'delivery': 'Delivery',
                                               'other': 'Other'},
                                    'shown': 'label'},
                                   {'key': 'location',
                                    'title': 'Place',
                                    'sortable': True,
                                    'width': 24,
                                    'sample': None,
                                    'labels': None,
                                    'shown': 'text'}],
                       'default_sort': 0,
                       'default_descending': True,
                       'reads': {'uk': [['activities.occurs_on'],
                                        ['activities.title_uk',
                                         'activities.title',
                                         'activities.title_lang'],
                                        ['activities.kind'],
                                        ['activities.location']],
                                 'lt': [['activities.occurs_on'],
                                        ['activities.title_lt',
                                         'activities.title',
                                         'activities.title_lang'],
                                        ['activities.kind'],
                                        ['activities.location']],
                                 'en': [['activities.occurs_on'],
                                        ['activities.title_en',
                                         'activities.title',
                                         'activities.title_lang'],
                                        ['activities.kind'],
                                        ['activities.location']]},
                       'order': {'uk': [['activities.occurs_on', False],
                                        ['activities.sort_key_uk', False],
                                        ['activities.kind', False],
                                        ['activities.location', True]],
                                 'lt': [['activities.occurs_on', False],
                                        ['activities.sort_key_lt', False],
                                        ['activities.kind', False],
                                        ['activities.location', True]],
                                 'en': [['activities.occurs_on', False],
                                        ['activities.sort_key_en', False],
                                        ['activities.kind', False],
                                        ['activities.location', True]]}}},
 'need': {'table': 'needs',
          'top_level': True,
          'plural_label': 'Needs',
          'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM organizations '
                  '{a}_organization_id WHERE {a}_organization_id.id = {a}.organization_id '
                  'AND {a}_organization_id.deleted_at IS NULL)',
          'name': {'uk': ['item_uk', 'item', 'item_lang'],
                   'lt': ['item_lt', 'item', 'item_lang'],
                   'en': ['item_en', 'item', 'item_lang']},
          'order': {'uk': 'sort_key_uk', 'lt': 'sort_key_lt', 'en': 'sort_key_en'},
          'owner_columns': None,
          'owned_by': [],
          'slot': 6,
          'list': {'columns': [{'key': 'item',
                                'title': 'Item',
                                'sortable': True,
                                'width': 30,
                                'sample': None,
                                'labels': None,
                                'shown': 'translated'},
                               {'key': 'community',
                                'title': 'Community',
                                'sortable': False,
                                'width': 30,
                                'sample': None,
                                'labels': None,
                                'shown': 'translated'},
                               {'key': 'quantity',
                                'title': 'Quantity',
                                'sortable': True,
                                'width': 14,
                                'sample': None,
                                'labels': None,
                                'shown': 'amount'},
                               {'key': 'priority',
                                'title': 'Priority',
                                'sortable': True,
                                'width': 10,
                                'sample': None,
                                'labels': {'urgent': 'Urgent',
                                           'high': 'High',
                                           'normal': 'Normal',
                                           'low': 'Low'},
                                'shown': 'label'},
                               {'key': 'needed_by',
                                'title': 'Needed by',
                                'sortable': True,
                                'width': 15,
                                'sample': 'date',
                                'labels': None,
                                'shown': 'date'},
                               {'key': 'status',
                                'title': 'Status',
                                'sortable': True,
                                'width': 16,
                                'sample': None,
                                'labels': {'open': 'Open',
                                           'pledged': 'Pledged',
                                           'partly_delivered': 'Partly delivered',
                                           'delivered': 'Delivered',
                                           'cancelled': 'Cancelled'},
                                'shown': 'label'}],
                   'default_sort': 0,
                   'default_descending': False,
                   'reads': {'uk': [['needs.item_uk', 'needs.item', 'needs.item_lang'],
                                    ['(SELECT organizations_1.name_uk FROM organizations '
                                     'AS organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)',
                                     '(SELECT organizations_1.name FROM organizations AS '
                                     'organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)',
                                     '(SELECT organizations_1.name_lang FROM organizations '
                                     'AS organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)'],
                                    ['needs.quantity', 'needs.unit'],
                                    ['needs.priority'],
                                    ['needs.needed_by'],
                                    ['needs.status']],
                             'lt': [['needs.item_lt', 'needs.item', 'needs.item_lang'],
                                    ['(SELECT organizations_1.name_lt FROM organizations '
                                     'AS organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)',
                                     '(SELECT organizations_1.name FROM organizations AS '
                                     'organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)',
                                     '(SELECT organizations_1.name_lang FROM organizations '
                                     'AS organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)'],
                                    ['needs.quantity', 'needs.unit'],
                                    ['needs.priority'],
                                    ['needs.needed_by'],
                                    ['needs.status']],
                             'en': [['needs.item_en', 'needs.item', 'needs.item_lang'],
                                    ['(SELECT organizations_1.name_en FROM organizations '
                                     'AS organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)',
                                     '(SELECT organizations_1.name FROM organizations AS '
                                     'organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)',
                                     '(SELECT organizations_1.name_lang FROM organizations '
                                     'AS organizations_1 WHERE organizations_1.id = '
                                     'needs.organization_id AND organizations_1.deleted_at '
                                     'IS NULL LIMIT 1 OFFSET 0)'],
                                    ['needs.quantity', 'needs.unit'],
                                    ['needs.priority'],
                                    ['needs.needed_by'],
                                    ['needs.status']]},
                   'order': {'uk': [['needs.sort_key_uk', False],
                                    None,
                                    ['needs.quantity', False],
                                    ['needs.priority', False],
                                    ['needs.needed_by', True],
                                    ['needs.status', False]],
                             'lt': [['needs.sort_key_lt', False],
                                    None,
                                    ['needs.quantity', False],
                                    ['needs.priority', False],
                                    ['needs.needed_by', True],
                                    ['needs.status', False]],
                             'en': [['needs.sort_key_en', False],
                                    None,
                                    ['needs.quantity', False],
                                    ['needs.priority', False],
                                    ['needs.needed_by', True],
                                    ['needs.status', False]]}}},
 'pledge': {'table': 'pledges',
            'top_level': False,
            'plural_label': None,
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
            'slot': None,
            'list': None},
 'affiliation': {'table': 'affiliations',
                 'top_level': False,
                 'plural_label': None,
                 'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM people '
                         '{a}_person_id WHERE {a}_person_id.id = {a}.person_id AND '
                         '{a}_person_id.deleted_at IS NULL) AND EXISTS (SELECT 1 FROM '
                         'organizations {a}_organization_id WHERE {a}_organization_id.id = '
                         '{a}.organization_id AND {a}_organization_id.deleted_at IS NULL)',
                 'name': {'uk': ['position'], 'lt': ['position'], 'en': ['position']},
                 'order': None,
                 'owner_columns': None,
                 'owned_by': [['organization', 'organization_id'], ['person', 'person_id']],
                 'slot': None,
                 'list': None},
 'contact_point': {'table': 'contact_points',
                   'top_level': False,
                   'plural_label': None,
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
                   'slot': None,
                   'list': None},
 'tag': {'table': 'tags',
         'top_level': False,
         'plural_label': None,
         'live': '{a}.deleted_at IS NULL',
         'name': {'uk': ['name'], 'lt': ['name'], 'en': ['name']},
         'order': None,
         'owner_columns': None,
         'owned_by': [],
         'slot': None,
         'list': None},
 'tag_link': {'table': 'tag_links',
              'top_level': False,
              'plural_label': None,
              'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM tags {a}_tag_id '
                      'WHERE {a}_tag_id.id = {a}.tag_id AND {a}_tag_id.deleted_at IS NULL)',
              'name': {'uk': ['entity_kind'], 'lt': ['entity_kind'], 'en': ['entity_kind']},
              'order': None,
              'owner_columns': ['entity_kind', 'entity_id'],
              'owned_by': [],
              'slot': None,
              'list': None},
 'priority_area': {'table': 'priority_areas',
                   'top_level': False,
                   'plural_label': None,
                   'live': '{a}.deleted_at IS NULL',
                   'name': {'uk': ['name_uk', 'name', 'name_lang'],
                            'lt': ['name_lt', 'name', 'name_lang'],
                            'en': ['name_en', 'name', 'name_lang']},
                   'order': None,
                   'owner_columns': None,
                   'owned_by': [],
                   'slot': None,
                   'list': None},
 'agreement_party': {'table': 'agreement_parties',
                     'top_level': False,
                     'plural_label': None,
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
                     'slot': None,
                     'list': None},
 'signatory': {'table': 'signatories',
               'top_level': False,
               'plural_label': None,
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
               'slot': None,
               'list': None},
 'commitment': {'table': 'commitments',
                'top_level': False,
                'plural_label': None,
                'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM agreements '
                        '{a}_agreement_id WHERE {a}_agreement_id.id = {a}.agreement_id AND '
                        '{a}_agreement_id.deleted_at IS NULL)',
                'name': {'uk': ['description_uk', 'description', 'description_lang'],
                         'lt': ['description_lt', 'description', 'description_lang'],
                         'en': ['description_en', 'description', 'description_lang']},
                'order': None,
                'owner_columns': None,
                'owned_by': [['agreement', 'agreement_id']],
                'slot': None,
                'list': None},
 'agreement_priority_area': {'table': 'agreement_priority_areas',
                             'top_level': False,
                             'plural_label': None,
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
                             'slot': None,
                             'list': None},
 'project_partner': {'table': 'project_partners',
                     'top_level': False,
                     'plural_label': None,
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
                     'slot': None,
                     'list': None},
 'project_agreement': {'table': 'project_agreements',
                       'top_level': False,
                       'plural_label': None,
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
                       'slot': None,
                       'list': None},
 'project_priority_area': {'table': 'project_priority_areas',
                           'top_level': False,
                           'plural_label': None,
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
                           'slot': None,
                           'list': None},
 'milestone': {'table': 'milestones',
               'top_level': False,
               'plural_label': None,
               'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM projects '
                       '{a}_project_id WHERE {a}_project_id.id = {a}.project_id AND '
                       '{a}_project_id.deleted_at IS NULL)',
               'name': {'uk': ['title_uk', 'title', 'title_lang'],
                        'lt': ['title_lt', 'title', 'title_lang'],
                        'en': ['title_en', 'title', 'title_lang']},
               'order': None,
               'owner_columns': None,
               'owned_by': [['project', 'project_id']],
               'slot': None,
               'list': None},
 'aid_delivery': {'table': 'aid_deliveries',
                  'top_level': False,
                  'plural_label': None,
                  'live': '{a}.deleted_at IS NULL AND EXISTS (SELECT 1 FROM projects '
                          '{a}_project_id WHERE {a}_project_id.id = {a}.project_id AND '
                          '{a}_project_id.deleted_at IS NULL)',
                  'name': {'uk': ['item_uk', 'item', 'item_lang'],
                           'lt': ['item_lt', 'item', 'item_lang'],
                           'en': ['item_en', 'item', 'item_lang']},
                  'order': None,
                  'owner_columns': None,
                  'owned_by': [['project', 'project_id']],
                  'slot': None,
                  'list': None},
 'activity_participant': {'table': 'activity_participants',
                          'top_level': False,
                          'plural_label': None,
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
                          'slot': None,
                          'list': None},
 'attachment': {'table': 'attachments',
                'top_level': False,
                'plural_label': None,
                'live': '{a}.deleted_at IS NULL',
                'name': {'uk': ['filename'], 'lt': ['filename'], 'en': ['filename']},
                'order': None,
                'owner_columns': ['owner_kind', 'owner_id'],
                'owned_by': [],
                'slot': None,
                'list': None},
 'source': {'table': 'sources',
            'top_level': False,
            'plural_label': None,
            'live': '{a}.deleted_at IS NULL',
            'name': {'uk': ['title'], 'lt': ['title'], 'en': ['title']},
            'order': None,
            'owner_columns': ['owner_kind', 'owner_id'],
            'owned_by': [],
            'slot': None,
            'list': None}}
