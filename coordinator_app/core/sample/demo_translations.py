"""The demo's record text in the other languages: original text -> {language: text}.

Titles, purposes, commitments and names are written once in `demo_data` and
`demo_projects` in their original language; the builder (core.sample.demo_builder) adds
these as the record's other languages (core.records.languages). Names of people are never
translated: each is written as its owner writes it. An organisation's official name
is its original; what it is called in the other languages follows the usage of
each (Харківська міська рада, Charkivo miesto taryba, Kharkiv City Council).
"""

from __future__ import annotations

TRANSLATIONS: dict[str, dict[str, str]] = {
    # -- organisations -------------------------------------------------------------
    "Асоціація прифронтових міст та громад": {
        "lt": "Pafrontės miestų ir bendruomenių asociacija",
        "en": "Association of Frontline Cities and Communities"},
    "Lietuvos savivaldybių asociacija": {
        "uk": "Асоціація органів місцевого самоврядування Литви",
        "en": "Association of Local Authorities of Lithuania"},
    "Харківська міська рада": {"lt": "Charkivo miesto taryba", "en": "Kharkiv City Council"},
    "Сумська міська рада": {"lt": "Sumų miesto taryba", "en": "Sumy City Council"},
    "Запорізька міська рада": {"lt": "Zaporižios miesto taryba",
                               "en": "Zaporizhzhia City Council"},
    "Херсонська міська рада": {"lt": "Chersono miesto taryba", "en": "Kherson City Council"},
    "Миколаївська міська рада": {"lt": "Mykolajivo miesto taryba",
                                 "en": "Mykolaiv City Council"},
    "Чернігівська міська рада": {"lt": "Černihivo miesto taryba",
                                 "en": "Chernihiv City Council"},
    "Plungės rajono savivaldybė": {"uk": "Плунгеське районне самоврядування",
                                   "en": "Plungė District Municipality"},
    "Vilniaus miesto savivaldybė": {"uk": "Самоврядування міста Вільнюса",
                                    "en": "Vilnius City Municipality"},
    "Kauno miesto savivaldybė": {"uk": "Самоврядування міста Каунаса",
                                 "en": "Kaunas City Municipality"},
    "Klaipėdos miesto savivaldybė": {"uk": "Самоврядування міста Клайпеди",
                                     "en": "Klaipėda City Municipality"},
    "Šiaulių miesto savivaldybė": {"uk": "Самоврядування міста Шяуляя",
                                   "en": "Šiauliai City Municipality"},
    "Panevėžio miesto savivaldybė": {"uk": "Самоврядування міста Паневежиса",
                                     "en": "Panevėžys City Municipality"},
    "Alytaus miesto savivaldybė": {"uk": "Самоврядування міста Алітуса",
                                   "en": "Alytus City Municipality"},
    # A company's name is its name: only its English trading name is known.
    "UAB „Šilumos sprendimai“": {"en": "Heating Solutions Ltd"},
    "Fondas „Tiltas į Rytus“": {"uk": "Фонд «Міст на Схід»",
                                "en": "Bridge to the East Foundation"},
    # -- the memorandum of 11 February 2026 ----------------------------------------
    "Memorandum of Cooperation between the Association of Frontline Cities and Communities "
    "and the Association of Local Authorities of Lithuania": {
        "uk": "Меморандум про співпрацю між Асоціацією прифронтових міст та громад і "
              "Асоціацією органів місцевого самоврядування Литви",
        "lt": "Pafrontės miestų ir bendruomenių asociacijos ir Lietuvos savivaldybių "
              "asociacijos bendradarbiavimo memorandumas"},
    "Coordination at the municipal level of the integration of Ukrainian communities into "
    "European practices of governance, and joint work on programmes for the recovery of "
    "Ukrainian communities.": {
        "uk": "Координація на муніципальному рівні інтеграції українських громад у "
              "європейські практики врядування та спільна робота над програмами відновлення "
              "українських громад.",
        "lt": "Ukrainos bendruomenių integracijos į Europos valdymo praktiką koordinavimas "
              "savivaldybių lygmeniu ir bendras darbas rengiant Ukrainos bendruomenių "
              "atkūrimo programas."},
    "At the meeting the parties reviewed the cooperation already under way. Ihor Terekhov "
    "thanked the Lithuanian municipalities for the heaters and generators they provided "
    "during the energy attacks; Audrius Klišonis confirmed that Lithuanian municipalities "
    "are ready to cooperate further and said Ukraine's experience of crisis will serve every "
    "European municipality.": {
        "uk": "На зустрічі сторони обговорили співпрацю, що вже триває. Ігор Терехов "
              "подякував литовським муніципалітетам за обігрівачі та генератори, надані під "
              "час енергетичних атак; Аудрюс Клішоніс підтвердив, що литовські муніципалітети "
              "готові й надалі співпрацювати, і наголосив, що досвід України в умовах кризи "
              "стане в пригоді кожному європейському муніципалітету.",
        "lt": "Susitikime šalys aptarė jau vykdomą bendradarbiavimą. Ihoris Terechovas "
              "padėkojo Lietuvos savivaldybėms už šildytuvus ir generatorius, suteiktus per "
              "atakas prieš energetikos sistemą; Audrius Klišonis patvirtino, kad Lietuvos "
              "savivaldybės pasirengusios toliau bendradarbiauti, ir pabrėžė, kad Ukrainos "
              "krizių patirtis pravers kiekvienai Europos savivaldybei."},
    "Exchange the lists of needs for heaters and generators before the heating season.": {
        "uk": "Обмінятися переліками потреб в обігрівачах і генераторах до опалювального "
              "сезону.",
        "lt": "Iki šildymo sezono pradžios apsikeisti šildytuvų ir generatorių poreikių "
              "sąrašais."},
    "Hold a seminar for Lithuanian municipalities on keeping communities running in crisis "
    "conditions.": {
        "uk": "Провести семінар для литовських муніципалітетів про роботу громад в умовах "
              "криз.",
        "lt": "Surengti Lietuvos savivaldybėms seminarą apie bendruomenių veiklą krizių "
              "sąlygomis."},
    "Prepare a joint application to an EU programme for the recovery of frontline "
    "communities.": {
        "uk": "Підготувати спільну заявку до програми ЄС на відновлення прифронтових громад.",
        "lt": "Parengti bendrą paraišką ES programai dėl pafrontės bendruomenių atkūrimo."},
    "Match each member community with a Lithuanian partner municipality.": {
        "uk": "Підібрати кожній громаді — члену Асоціації литовський муніципалітет-партнер.",
        "lt": "Kiekvienai asociacijos narei bendruomenei surasti partnerę Lietuvos "
              "savivaldybę."},
    "Agree the coordinated recovery programme for member communities.": {
        "uk": "Погодити скоординовану програму відновлення громад — членів Асоціації.",
        "lt": "Suderinti koordinuotą asociacijos narių bendruomenių atkūrimo programą."},
    "Organise study visits on European municipal governance for Ukrainian staff.": {
        "uk": "Організувати для українських працівників навчальні візити з європейського "
              "муніципального врядування.",
        "lt": "Surengti Ukrainos savivaldybių darbuotojams mokomuosius vizitus apie Europos "
              "savivaldos valdymą."},
    # -- the other agreements --------------------------------------------------------
    "Partnership agreement Plungė – Kharkiv on energy resilience": {
        "uk": "Угода про партнерство Плунге – Харків щодо енергетичної стійкості",
        "lt": "Plungės ir Charkivo partnerystės sutartis dėl energetinio atsparumo"},
    "Emergency power and heat for Kharkiv's schools, shelters and water pumps.": {
        "uk": "Аварійне електро- й теплопостачання для шкіл, укриттів і водяних насосів "
              "Харкова.",
        "lt": "Avarinis elektros ir šilumos tiekimas Charkivo mokykloms, slėptuvėms ir "
              "vandens siurbliams."},
    "Deliver generators for heat and water supply points.": {
        "uk": "Поставити генератори для пунктів тепло- та водопостачання.",
        "lt": "Pristatyti generatorius šilumos ir vandens tiekimo punktams."},
    "Report on the use of the generators over the winter.": {
        "uk": "Прозвітувати про використання генераторів протягом зими.",
        "lt": "Pateikti ataskaitą apie generatorių naudojimą per žiemą."},
    "Partnership agreement Sumy – Šiauliai": {
        "uk": "Угода про партнерство Суми – Шяуляй",
        "lt": "Sumų ir Šiaulių partnerystės sutartis"},
    "Memorandum of understanding Zaporizhzhia – Klaipėda": {
        "uk": "Меморандум про взаєморозуміння Запоріжжя – Клайпеда",
        "lt": "Zaporižios ir Klaipėdos susitarimo memorandumas"},
    "Letter of intent Kherson – Panevėžys on school reconstruction": {
        "uk": "Лист про наміри Херсон – Паневежис щодо відбудови школи",
        "lt": "Chersono ir Panevėžio ketinimų protokolas dėl mokyklos atstatymo"},
    "Twinning agreement Mykolaiv – Vilnius": {
        "uk": "Угода про побратимство Миколаїв – Вільнюс",
        "lt": "Mykolajivo ir Vilniaus susigiminiavimo sutartis"},
    "Grant agreement: heaters for Kharkiv schools": {
        "uk": "Грантова угода: обігрівачі для шкіл Харкова",
        "lt": "Dotacijos sutartis: šildytuvai Charkivo mokykloms"},
    "Memorandum of cooperation Chernihiv – Alytus": {
        "uk": "Меморандум про співпрацю Чернігів – Алітус",
        "lt": "Černihivo ir Alytaus bendradarbiavimo memorandumas"},
    "Exchange of experience in modern city services and support for Sumy's schools. Expires "
    "soon: the parties are discussing a renewal.": {
        "uk": "Обмін досвідом у сфері сучасних міських послуг і підтримка шкіл Сум. Строк "
              "дії спливає незабаром: сторони обговорюють її поновлення.",
        "lt": "Dalijimasis šiuolaikinių miesto paslaugų patirtimi ir parama Sumų mokykloms. "
              "Sutartis netrukus baigia galioti: šalys aptaria jos atnaujinimą."},
    "Port city cooperation on critical infrastructure and the rehabilitation of wounded "
    "residents.": {
        "uk": "Співпраця портових міст у сфері критичної інфраструктури та реабілітації "
              "поранених мешканців.",
        "lt": "Uostamiesčių bendradarbiavimas ypatingos svarbos infrastruktūros ir sužeistų "
              "gyventojų reabilitacijos srityse."},
    "Reconstruction of a school damaged by shelling, with Panevėžys engineers.": {
        "uk": "Відбудова школи, пошкодженої обстрілом, разом з інженерами з Паневежиса.",
        "lt": "Apšaudymo apgadintos mokyklos atstatymas kartu su Panevėžio inžinieriais."},
    "A long-term twinning of the two cities.": {
        "uk": "Довгострокове побратимство двох міст.",
        "lt": "Ilgalaikis dviejų miestų susigiminiavimas."},
    "Electric heaters for schools and shelters for the winter of 2025–2026.": {
        "uk": "Електричні обігрівачі для шкіл і укриттів на зиму 2025–2026 років.",
        "lt": "Elektriniai šildytuvai mokykloms ir slėptuvėms 2025–2026 m. žiemai."},
    "Cultural exchange; replaced by the association-level memorandum.": {
        "uk": "Культурний обмін; замінено меморандумом на рівні асоціацій.",
        "lt": "Kultūriniai mainai; pakeista asociacijų lygmens memorandumu."},
    "Propose the text of the renewed agreement.": {
        "uk": "Запропонувати текст поновленої угоди.",
        "lt": "Pasiūlyti atnaujintos sutarties tekstą."},
    "Send the equipment list for the rehabilitation centre.": {
        "uk": "Надіслати перелік обладнання для реабілітаційного центру.",
        "lt": "Atsiųsti reabilitacijos centro įrangos sąrašą."},
    "Send the damage assessment of the school building.": {
        "uk": "Надіслати оцінку пошкоджень будівлі школи.",
        "lt": "Atsiųsti mokyklos pastato apgadinimų įvertinimą."},
    "Final report to the donor.": {
        "uk": "Підсумковий звіт донору.",
        "lt": "Galutinė ataskaita donorui."},
    # -- projects that implement the memorandum -------------------------------------
    "Generators for Kharkiv during the energy attacks": {
        "uk": "Генератори для Харкова під час енергетичних атак",
        "lt": "Generatoriai Charkivui per atakas prieš energetikos sistemą"},
    "Heaters for schools and shelters of frontline communities": {
        "uk": "Обігрівачі для шкіл і укриттів прифронтових громад",
        "lt": "Šildytuvai pafrontės bendruomenių mokykloms ir slėptuvėms"},
    "Joint recovery programme for frontline communities 2026–2028": {
        "uk": "Спільна програма відновлення прифронтових громад на 2026–2028 роки",
        "lt": "Bendra pafrontės bendruomenių atkūrimo programa 2026–2028 m."},
    "European integration school for municipal staff": {
        "uk": "Школа європейської інтеграції для працівників місцевого самоврядування",
        "lt": "Europos integracijos mokykla savivaldybių darbuotojams"},
    "Електронні послуги ЦНАП Сум за досвідом Шяуляя": {
        "lt": "Sumų administracinių paslaugų centro elektroninės paslaugos pagal Šiaulių "
              "patirtį",
        "en": "E-services of the Sumy administrative services centre, after Šiauliai's"},
    "Diesel generators for heat points, water pumps and schools in Kharkiv after the "
    "attacks on the power grid.": {
        "uk": "Дизельні генератори для пунктів обігріву, водяних насосів і шкіл Харкова "
              "після атак на енергосистему.",
        "lt": "Dyzeliniai generatoriai Charkivo šildymo punktams, vandens siurbliams ir "
              "mokykloms po atakų prieš elektros tinklą."},
    "Electric and gas heaters for schools, shelters and points of invincibility, collected "
    "by Lithuanian municipalities.": {
        "uk": "Електричні та газові обігрівачі для шкіл, укриттів і пунктів незламності, "
              "зібрані литовськими муніципалітетами.",
        "lt": "Elektriniai ir dujiniai šildytuvai mokykloms, slėptuvėms ir nenugalimumo "
              "punktams, surinkti Lietuvos savivaldybių."},
    "The coordinated programme of recovery the memorandum of 11 February 2026 calls for: "
    "each member community paired with a Lithuanian municipality.": {
        "uk": "Скоординована програма відновлення, передбачена меморандумом від 11 лютого "
              "2026 року: кожна громада — член Асоціації в парі з литовським "
              "муніципалітетом.",
        "lt": "Koordinuota atkūrimo programa, numatyta 2026 m. vasario 11 d. memorandume: "
              "kiekviena asociacijos narė bendruomenė – su Lietuvos savivaldybe poroje."},
    "Study visits and courses on EU municipal governance for staff of Ukrainian frontline "
    "communities.": {
        "uk": "Навчальні візити та курси з муніципального врядування в ЄС для працівників "
              "українських прифронтових громад.",
        "lt": "Mokomieji vizitai ir kursai apie ES savivaldos valdymą Ukrainos pafrontės "
              "bendruomenių darbuotojams."},
    "Online services of the Sumy administrative services centre, modelled on Šiauliai's.": {
        "uk": "Онлайн-послуги ЦНАП Сум за зразком Шяуляя.",
        "lt": "Sumų administracinių paslaugų centro internetinės paslaugos pagal Šiaulių "
              "pavyzdį."},
    "Physiotherapy equipment for the city rehabilitation centre.": {
        "uk": "Фізіотерапевтичне обладнання для міського реабілітаційного центру.",
        "lt": "Fizioterapijos įranga miesto reabilitacijos centrui."},
    "Rehabilitation centre equipment, Zaporizhzhia": {
        "uk": "Обладнання для реабілітаційного центру, Запоріжжя",
        "lt": "Reabilitacijos centro įranga, Zaporižia"},
    "Modular homes for displaced families in Mykolaiv": {
        "uk": "Модульні будинки для родин переселенців у Миколаєві",
        "lt": "Moduliniai namai perkeltųjų asmenų šeimoms Mykolajive"},
    "Small business grants for Kherson": {
        "uk": "Гранти для малого бізнесу Херсона",
        "lt": "Dotacijos Chersono smulkiajam verslui"},
    # -- milestones --------------------------------------------------------------------
    "Needs list agreed with Kharkiv": {
        "uk": "Перелік потреб погоджено з Харковом",
        "lt": "Poreikių sąrašas suderintas su Charkivu"},
    "First convoy arrives": {
        "uk": "Прибуття першої колони", "lt": "Atvyksta pirmoji vilkstinė"},
    "Second convoy arrives": {
        "uk": "Прибуття другої колони", "lt": "Atvyksta antroji vilkstinė"},
    "Winter 2025–2026 deliveries": {
        "uk": "Поставки на зиму 2025–2026 років", "lt": "2025–2026 m. žiemos pristatymai"},
    "Needs survey for the coming winter": {
        "uk": "Опитування щодо потреб на наступну зиму",
        "lt": "Artėjančios žiemos poreikių apklausa"},
    "Deliveries before the frosts": {
        "uk": "Поставки до морозів", "lt": "Pristatymai iki šalnų"},
    "Needs assessment of member communities": {
        "uk": "Оцінка потреб громад — членів Асоціації",
        "lt": "Asociacijos narių bendruomenių poreikių vertinimas"},
    "Partner matching completed": {
        "uk": "Підбір партнерів завершено", "lt": "Partnerių paieška baigta"},
    "Programme document agreed": {
        "uk": "Програмний документ погоджено", "lt": "Programos dokumentas suderintas"},
    "Launch conference": {
        "uk": "Стартова конференція", "lt": "Atidarymo konferencija"},
    "First study visit to Plungė": {
        "uk": "Перший навчальний візит до Плунге", "lt": "Pirmasis mokomasis vizitas į Plungę"},
    "Ten services online": {
        "uk": "Десять послуг онлайн", "lt": "Dešimt paslaugų internete"},
    "Mobile application": {
        "uk": "Мобільний застосунок", "lt": "Mobilioji programėlė"},
    # -- needs ---------------------------------------------------------------------------
    "Diesel generators 30 kW": {
        "uk": "Дизельні генератори 30 кВт", "lt": "Dyzeliniai generatoriai 30 kW"},
    "Diesel generators 100 kW": {
        "uk": "Дизельні генератори 100 кВт", "lt": "Dyzeliniai generatoriai 100 kW"},
    "Electric heaters 2 kW": {
        "uk": "Електричні обігрівачі 2 кВт", "lt": "Elektriniai šildytuvai 2 kW"},
    # -- aid deliveries (beside the needs' items above) ------------------------------
    "Gas heaters": {"uk": "Газові обігрівачі", "lt": "Dujiniai šildytuvai"},
    "Diesel fuel": {"uk": "Дизельне пальне", "lt": "Dyzelinas"},
    "Rehabilitation equipment sets": {
        "uk": "Комплекти реабілітаційного обладнання", "lt": "Reabilitacijos įrangos komplektai"},
    # -- activities around the memorandum --------------------------------------------
    "Signing of the memorandum between the Ukrainian and Lithuanian associations": {
        "uk": "Підписання меморандуму між українською та литовською асоціаціями",
        "lt": "Ukrainos ir Lietuvos asociacijų memorandumo pasirašymas"},
    "Засідання правління: пріоритети Асоціації на 2026 рік": {
        "lt": "Valdybos posėdis: asociacijos 2026 m. prioritetai",
        "en": "Board meeting: the association's priorities for 2026"},
    "First convoy of generators arrives in Kharkiv": {
        "uk": "Перша колона з генераторами прибуває до Харкова",
        "lt": "Pirmoji generatorių vilkstinė atvyksta į Charkivą"},
    "Online meeting on the coming heating season": {
        "uk": "Онлайн-нарада щодо наступного опалювального сезону",
        "lt": "Nuotolinis pasitarimas dėl artėjančio šildymo sezono"},
    "Call on partner matching": {
        "uk": "Дзвінок щодо підбору партнерів",
        "lt": "Pokalbis dėl partnerių paieškos"},
    "Study visit of Ukrainian municipal staff to Plungė": {
        "uk": "Навчальний візит українських муніципальних працівників до Плунге",
        "lt": "Ukrainos savivaldybių darbuotojų mokomasis vizitas į Plungę"},
    "Call with Šiauliai about renewing the partnership": {
        "uk": "Дзвінок до Шяуляя щодо поновлення партнерства",
        "lt": "Pokalbis su Šiauliais dėl partnerystės atnaujinimo"},
    "Meeting with Panevėžys engineers on the school in Kherson": {
        "uk": "Зустріч з інженерами з Паневежиса щодо школи в Херсоні",
        "lt": "Susitikimas su Panevėžio inžinieriais dėl mokyklos Chersone"},
    "Seminar: keeping communities running in crisis conditions": {
        "uk": "Семінар: життєдіяльність громад в умовах криз",
        "lt": "Seminaras: bendruomenių gyvybingumas krizių sąlygomis"},
}
