"""The lists of the kinds that have a page, as core.views.listing reads them
without SQLAlchemy.

Derived from core.records.registry by core.records.digest: each column's key,
title, width and how its values are shown, then the SQL of what it reads and
(when it may be sorted by) of what it sorts by, and whether that may be NULL,
in each language. `:today` is today's date, bound when the list is read.
"""

# Written by scripts/update_kind_digest.py from core.records.registry: do not edit.
LISTS = {'organization': {'columns': [{'key': 'name',
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
                               'labels': {'municipality': 'Municipality / community',
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
                                   ['(SELECT organizations_1.name_uk FROM organizations AS '
                                    'organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET 0)',
                                    '(SELECT organizations_1.name FROM organizations AS '
                                    'organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET 0)',
                                    '(SELECT organizations_1.name_lang FROM organizations '
                                    'AS organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                    '0)']],
                            'lt': [['organizations.name_lt',
                                    'organizations.name',
                                    'organizations.name_lang'],
                                   ['organizations.kind'],
                                   ['organizations.country'],
                                   ['organizations.region'],
                                   ['(SELECT organizations_1.name_lt FROM organizations AS '
                                    'organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET 0)',
                                    '(SELECT organizations_1.name FROM organizations AS '
                                    'organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET 0)',
                                    '(SELECT organizations_1.name_lang FROM organizations '
                                    'AS organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                    '0)']],
                            'en': [['organizations.name_en',
                                    'organizations.name',
                                    'organizations.name_lang'],
                                   ['organizations.kind'],
                                   ['organizations.country'],
                                   ['organizations.region'],
                                   ['(SELECT organizations_1.name_en FROM organizations AS '
                                    'organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET 0)',
                                    '(SELECT organizations_1.name FROM organizations AS '
                                    'organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET 0)',
                                    '(SELECT organizations_1.name_lang FROM organizations '
                                    'AS organizations_1 WHERE organizations_1.id = '
                                    'organizations.parent_id AND '
                                    'organizations_1.deleted_at IS NULL LIMIT 1 OFFSET '
                                    '0)']]},
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
                                   None]}},
 'person': {'columns': [{'key': 'full_name',
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
                             ["(SELECT coalesce(affiliations_1.position || ', ', '') || "
                              'organizations_1.name AS anon_1 FROM affiliations AS '
                              'affiliations_1 JOIN organizations AS organizations_1 ON '
                              'organizations_1.id = affiliations_1.organization_id WHERE '
                              'affiliations_1.person_id = people.id AND '
                              'affiliations_1.deleted_at IS NULL AND '
                              'organizations_1.deleted_at IS NULL AND '
                              '(affiliations_1.start_on IS NULL OR affiliations_1.start_on '
                              '<= :today) AND (affiliations_1.end_on IS NULL OR '
                              'affiliations_1.end_on >= :today) ORDER BY '
                              'affiliations_1.start_on DESC, affiliations_1.created_at '
                              'DESC LIMIT 1 OFFSET 0)'],
                             ['people.languages']],
                      'lt': [['people.full_name'],
                             ['people.latin_name'],
                             ["(SELECT coalesce(affiliations_1.position || ', ', '') || "
                              'organizations_1.name AS anon_1 FROM affiliations AS '
                              'affiliations_1 JOIN organizations AS organizations_1 ON '
                              'organizations_1.id = affiliations_1.organization_id WHERE '
                              'affiliations_1.person_id = people.id AND '
                              'affiliations_1.deleted_at IS NULL AND '
                              'organizations_1.deleted_at IS NULL AND '
                              '(affiliations_1.start_on IS NULL OR affiliations_1.start_on '
                              '<= :today) AND (affiliations_1.end_on IS NULL OR '
                              'affiliations_1.end_on >= :today) ORDER BY '
                              'affiliations_1.start_on DESC, affiliations_1.created_at '
                              'DESC LIMIT 1 OFFSET 0)'],
                             ['people.languages']],
                      'en': [['people.full_name'],
                             ['people.latin_name'],
                             ["(SELECT coalesce(affiliations_1.position || ', ', '') || "
                              'organizations_1.name AS anon_1 FROM affiliations AS '
                              'affiliations_1 JOIN organizations AS organizations_1 ON '
                              'organizations_1.id = affiliations_1.organization_id WHERE '
                              'affiliations_1.person_id = people.id AND '
                              'affiliations_1.deleted_at IS NULL AND '
                              'organizations_1.deleted_at IS NULL AND '
                              '(affiliations_1.start_on IS NULL OR affiliations_1.start_on '
                              '<= :today) AND (affiliations_1.end_on IS NULL OR '
                              'affiliations_1.end_on >= :today) ORDER BY '
                              'affiliations_1.start_on DESC, affiliations_1.created_at '
                              'DESC LIMIT 1 OFFSET 0)'],
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
                             None]}},
 'agreement': {'columns': [{'key': 'title',
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
                                ['agreements.expires_on', True]]}},
 'project': {'columns': [{'key': 'title',
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
                              ['(SELECT organizations_1.name_uk FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)',
                               '(SELECT organizations_1.name FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)',
                               '(SELECT organizations_1.name_lang FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)'],
                              ['projects.start_on'],
                              ['projects.end_on'],
                              ['projects.budget_minor', 'projects.currency']],
                       'lt': [['projects.title_lt',
                               'projects.title',
                               'projects.title_lang'],
                              ['projects.status'],
                              ['(SELECT organizations_1.name_lt FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)',
                               '(SELECT organizations_1.name FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)',
                               '(SELECT organizations_1.name_lang FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)'],
                              ['projects.start_on'],
                              ['projects.end_on'],
                              ['projects.budget_minor', 'projects.currency']],
                       'en': [['projects.title_en',
                               'projects.title',
                               'projects.title_lang'],
                              ['projects.status'],
                              ['(SELECT organizations_1.name_en FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)',
                               '(SELECT organizations_1.name FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)',
                               '(SELECT organizations_1.name_lang FROM organizations AS '
                               'organizations_1 WHERE organizations_1.id = '
                               'projects.lead_id AND organizations_1.deleted_at IS NULL '
                               'LIMIT 1 OFFSET 0)'],
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
                              ['projects.budget_minor', True]]}},
 'activity': {'columns': [{'key': 'occurs_on',
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
                               ['activities.location', True]]}},
 'need': {'columns': [{'key': 'item',
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
                           ['(SELECT organizations_1.name_uk FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)',
                            '(SELECT organizations_1.name FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)',
                            '(SELECT organizations_1.name_lang FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)'],
                           ['needs.quantity', 'needs.unit'],
                           ['needs.priority'],
                           ['needs.needed_by'],
                           ['needs.status']],
                    'lt': [['needs.item_lt', 'needs.item', 'needs.item_lang'],
                           ['(SELECT organizations_1.name_lt FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)',
                            '(SELECT organizations_1.name FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)',
                            '(SELECT organizations_1.name_lang FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)'],
                           ['needs.quantity', 'needs.unit'],
                           ['needs.priority'],
                           ['needs.needed_by'],
                           ['needs.status']],
                    'en': [['needs.item_en', 'needs.item', 'needs.item_lang'],
                           ['(SELECT organizations_1.name_en FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)',
                            '(SELECT organizations_1.name FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)',
                            '(SELECT organizations_1.name_lang FROM organizations AS '
                            'organizations_1 WHERE organizations_1.id = '
                            'needs.organization_id AND organizations_1.deleted_at IS NULL '
                            'LIMIT 1 OFFSET 0)'],
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
                           ['needs.status', False]]}}}
