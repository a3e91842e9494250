"""What people write in a file's header for each field, by the field's name.

One entry per field name, whatever kind of record has it: a need's status and an
agreement's are both "Статус" or "Būsena", and the organisation a person works at
and the community a need is for are both "Організація" or "Громада". `headers` are
whole headers (compared folded: case, marks, punctuation); `words` name the field
when found inside a longer header ("mobile phone"). Which fields a kind has comes
from the registry of kinds (interchange.fields), not from here.
"""

from __future__ import annotations

#: Field name -> (whole headers, words inside a header).
HEADERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    'full_name': (
        ('full name', 'name', 'display name', 'contact', 'contact person', 'person', 'піб', 'п і б', "прізвище ім'я по батькові", "прізвище ім'я та по батькові", "прізвище та ім'я", "прізвище ім'я", "ім'я та прізвище", "ім'я прізвище", 'контактна особа', 'особа', 'фио', 'ф и о', 'фамилия имя отчество', 'контактное лицо', 'vardas pavardė', 'vardas ir pavardė', 'pavardė vardas', 'kontaktinis asmuo', 'asmuo'),
        ()),
    'given_name': (
        ('first name', 'given name', 'forename', "ім'я", 'имя', 'vardas'),
        ()),
    'middle_name': (
        ('middle name', 'additional name', 'по батькові', 'отчество', 'antrasis vardas'),
        ()),
    'family_name': (
        ('last name', 'family name', 'surname', 'прізвище', 'фамилия', 'pavardė'),
        ()),
    'latin_name': (
        ('latin spelling', 'latin name', 'name in latin', 'name latin', "ім'я латиницею", 'піб латиницею', 'латиницею', 'транслітерація', 'vardas lotyniškai'),
        ('латиниц', 'latin')),
    'other_names': (
        ('other names', 'nickname', 'інші імена', 'other name', 'also known as', 'інші назви', 'назва англійською', 'kiti pavadinimai'),
        ('english name',)),
    'organization': (
        ('organization', 'organisation', 'company', 'employer', 'organization name', 'organization 1 name', 'організація', 'установа', 'підприємство', 'громада', 'місце роботи', 'организация', 'компания', 'место работы', 'organizacija', 'įmonė', 'įstaiga', 'savivaldybė', 'darbovietė', 'institucija'),
        ('організац', 'организац', 'organiza', 'organisa', 'company', 'įmon')),
    'department': (
        ('department', 'відділ', 'підрозділ', 'отдел', 'skyrius', 'organization 1 department', 'organization department'),
        ()),
    'position': (
        ('position', 'job title', 'role', 'organization title', 'organization 1 title', 'посада', 'должность', 'pareigos', 'pareigybė'),
        ('посад', 'должн', 'pareig')),
    'email': (
        ('email', 'e mail', 'mail', 'email address', 'e mail address', 'електронна пошта', 'ел пошта', 'е-mail', 'адреса електронної пошти', 'электронная почта', 'эл почта', 'адрес эл почты', 'el pastas', 'el pasto adresas', 'elektroninis pastas'),
        ('mail', 'пошт', 'почт', 'pasta', 'pasto', 'e-mail', 'емейл', 'имейл')),
    'phone': (
        ('phone', 'telephone', 'tel', 'mobile', 'телефон', 'тел', 'мобільний', 'мобильный', 'telefonas', 'tel nr', 'telefono numeris', 'mob', 'mob tel'),
        ('phone', 'телефон', 'тел', 'mobil', 'моб', 'telefon', 'fax', 'факс', 'faks')),
    'telegram': (
        ('telegram', 'телеграм', 'tg'),
        ('telegram', 'телеграм')),
    'signal': (
        ('signal', 'сигнал'),
        ('signal',)),
    'whatsapp': (
        ('whatsapp', 'вотсап', 'ватсап'),
        ('whatsapp',)),
    'viber': (
        ('viber', 'вайбер'),
        ('viber',)),
    'languages': (
        ('languages', 'language', 'мови', 'мова', 'языки', 'kalbos', 'kalba'),
        ()),
    'country': (
        ('country', 'країна', 'страна', 'šalis', 'valstybė', 'country region', 'business country region', 'home country region'),
        ('country',)),
    'notes': (
        ('notes', 'note', 'comment', 'comments', 'remarks', 'примітки', 'примітка', 'коментар', 'коментарі', 'примечание', 'примечания', 'комментарий', 'pastabos', 'pastaba', 'komentaras', 'komentarai'),
        ('примітк', 'примечан', 'pastab')),
    'name': (
        ('name', 'organization', 'organisation', 'organization name', 'company', 'назва', 'найменування', 'організація', 'громада', 'назва організації', 'название', 'организация', 'pavadinimas', 'organizacija', 'savivaldybė'),
        ()),
    'kind': (
        ('kind', 'type', 'тип', 'вид', 'tipas', 'rūšis', 'тип угоди'),
        ()),
    'region': (
        ('region', 'oblast', 'область', 'регіон', 'регион', 'apskritis', 'regionas'),
        ()),
    'parent': (
        ('member of', 'parent', 'член', 'входить до', 'narys', 'priklauso'),
        ()),
    'website': (
        ('website', 'web site', 'web page', 'url', 'site', 'сайт', 'вебсайт', 'веб сайт', 'svetainė', 'interneto svetainė'),
        ('сайт', 'web')),
    'address': (
        ('address', 'адреса', 'адрес', 'adresas', 'business address', 'postal address'),
        ()),
    'title': (
        ('title', 'name', 'agreement', 'назва', 'угода', 'документ', 'название', 'соглашение', 'pavadinimas', 'susitarimas', 'project', 'проєкт', 'проект', 'projektas'),
        ()),
    'status': (
        ('status', 'статус', 'стан', 'būsena', 'statusas'),
        ()),
    'parties': (
        ('parties', 'party', 'сторони', 'сторона', 'стороны', 'šalys', 'partneriai', 'partners'),
        ()),
    'signed_on': (
        ('signed', 'signed on', 'date signed', 'date of signing', 'дата підписання', 'підписано', 'дата подписания', 'pasirašyta', 'pasirašymo data'),
        ('підпис', 'pasiraš')),
    'signed_place': (
        ('place of signing', 'signed in', 'місце підписання', 'pasirašymo vieta'),
        ()),
    'effective_from': (
        ('effective from', 'in effect from', 'набирає чинності', 'діє з', 'įsigalioja'),
        ()),
    'expires_on': (
        ('expires', 'expires on', 'expiry', 'valid until', 'діє до', 'термін дії', 'закінчується', 'galioja iki'),
        ()),
    'purpose': (
        ('purpose', 'мета', 'предмет', 'цель', 'tikslas'),
        ()),
    'description': (
        ('description', 'опис', 'описание', 'aprašymas'),
        ()),
    'lead': (
        ('lead', 'lead organisation', 'lead organization', 'виконавець', 'головна організація', 'vykdytojas'),
        ()),
    'location': (
        ('location', 'community', 'громада', 'місце', 'бенефіціар громада', 'vieta', 'bendruomenė'),
        ()),
    'partners': (
        ('partners', 'partner', 'партнери', 'партнеры', 'partneriai'),
        ()),
    'pledges': (
        ('pledges', 'pledge', 'pledged by', 'pledged', 'covered by', 'обіцянки', 'пообіцяли', 'пообіцяв', 'хто пообіцяв', 'обіцяє', 'обещано', 'кто обещал', 'pažadai', 'pažadėjo', 'kas pažadėjo'),
        ()),
    'agreement': (
        ('agreement', 'memorandum', 'угода', 'меморандум', 'соглашение', 'sutartis', 'susitarimas', 'memorandumas'),
        ()),
    'agreements': (
        ('agreements', 'agreement', 'implements', 'memorandum', 'угоди', 'угода', 'меморандум', 'виконує угоду', 'соглашения', 'соглашение', 'sutartys', 'sutartis', 'susitarimas', 'susitarimai', 'memorandumas'),
        ()),
    'project': (
        ('project', 'проєкт', 'проект', 'projektas'),
        ()),
    'projects': (
        ('projects', 'project', 'проєкти', 'проєкт', 'проекты', 'проект', 'projektai', 'projektas'),
        ()),
    'start_on': (
        ('start', 'start date', 'begins', 'початок', 'дата початку', 'начало', 'pradžia'),
        ()),
    'end_on': (
        ('end', 'end date', 'ends', 'кінець', 'завершення', 'дата завершення', 'окончание', 'pabaiga'),
        ()),
    'budget': (
        ('budget', 'amount', 'sum', 'бюджет', 'сума', 'сумма', 'biudžetas', 'suma'),
        ('бюджет', 'budget')),
    'currency': (
        ('currency', 'валюта', 'valiuta'),
        ()),
    'funding_sources': (
        ('funding', 'funding sources', 'donor', 'джерела фінансування', 'донор', 'finansavimo šaltiniai'),
        ()),
    'beneficiaries': (
        ('beneficiaries', 'бенефіціари', 'отримувачі', 'naudos gavėjai'),
        ()),
    'progress_notes': (
        ('progress', 'progress notes', 'хід виконання', 'прогрес', 'eiga'),
        ()),
    'item': (
        ('item', 'need', 'what is needed', 'найменування', 'потреба', 'що потрібно', 'товар', 'наименование', 'потребность', 'что нужно', 'prekė', 'poreikis', 'daiktas'),
        ()),
    'quantity': (
        ('quantity', 'qty', 'amount needed', 'кількість', 'к сть', 'количество', 'кол во', 'kiekis'),
        ('кільк', 'колич', 'kiek')),
    'unit': (
        ('unit', 'units', 'unit of measure', 'од', 'одиниця', 'одиниця виміру', 'од виміру', 'единица', 'ед изм', 'vnt', 'matavimo vienetas', 'vienetas'),
        ()),
    'priority': (
        ('priority', 'пріоритет', 'приоритет', 'терміновість', 'срочность', 'prioritetas', 'skubumas'),
        ('пріоритет', 'приоритет', 'priorit')),
    'needed_by': (
        ('needed by', 'deadline', 'потрібно до', 'термін', 'до якої дати', 'крайній термін', 'нужно до', 'срок', 'reikia iki', 'terminas'),
        ()),
    'expected_on': (
        ('expected on', 'expected', 'очікується', 'ожидается', 'tikimasi'),
        ()),
}
