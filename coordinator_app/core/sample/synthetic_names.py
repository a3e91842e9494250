"""Name pools for synthetic data (`coordinator generate`): Ukrainian names in
Cyrillic, Lithuanian names with their diacritics, towns of both countries."""

from __future__ import annotations

UK_MALE = """Олександр Андрій Богдан Василь Віктор Володимир Дмитро Євген Іван Ігор Йосип
Максим Микола Михайло Олег Остап Павло Петро Роман Сергій Степан Тарас Юрій Ярослав Григорій
Анатолій Віталій Геннадій Денис Захар Назар Олексій Кирило Ілля Яків Леонід Артем Святослав""".split()
UK_FEMALE = """Олена Оксана Наталія Ірина Тетяна Юлія Марія Анна Катерина Ольга Світлана Галина
Людмила Вікторія Христина Соломія Ярина Дарина Надія Лариса Любов Зоряна Ганна Євгенія Інна Їрина
Яна Алла Валентина Мирослава Уляна Роксолана Богдана Леся Софія Віра""".split()
#: Surnames the same for women and men (-ко, -чук, -ук…) and -ський/-ська pairs.
UK_SURNAMES = """Терехов Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Поліщук
Бойко Ткачук Савченко Руденко Мельник Марченко Лисенко Кравчук Мороз Павленко Гончаренко Клименко
Левченко Харченко Карпенко Сидоренко Гнатюк Ґудзь Пʼятничук Мар'яненко Юрченко Іваненко Литвиненко
Демченко Дорошенко Ярошенко Їжакевич Зінченко Костенко Поліщук Онищенко Захарченко Максименко
Тимошенко Стельмах Гордієнко Приходько Семенюк Остапчук Слободянюк Кушнір Вовк Гребенюк""".split()
UK_SKY = """Ковальськ Вишневськ Заваліськ Липовецьк Рибальськ Грушевськ Садовськ Підгірськ""".split()

LT_MALE = """Audrius Jonas Petras Antanas Kęstutis Mindaugas Darius Gintaras Vytautas Algirdas
Žygimantas Tomas Rimantas Saulius Arūnas Mantas Giedrius Rolandas Šarūnas Remigijus Valdas
Linas Donatas Gediminas Eimantas Justinas Ričardas Vaidas Žilvinas Raimundas""".split()
LT_FEMALE = """Rūta Asta Jūratė Laima Eglė Ieva Aušra Dalia Vaida Rasa Inga Živilė Jolanta
Gintarė Kristina Lina Agnė Daiva Aistė Ugnė Gabija Rūtenė Loreta Birutė Giedrė Sigita""".split()
#: Lithuanian surnames (male form); women's forms are derived (-ienė).
LT_SURNAMES = """Klišonis Kazlauskas Jankauskas Petrauskas Stankevičius Vasiliauskas Žukauskas
Butkus Paulauskas Urbonas Kavaliauskas Navickas Ramanauskas Šimkus Baranauskas Savickas
Rimkus Sakalauskas Žilinskas Balčiūnas Mockus Kairys Grigas Vaitkus Šapoka Dambrauskas
Jurgaitis Lukošius Černiauskas Adomaitis Mačiulis Vilkas Gudaitis Bražėnas Tamošiūnas""".split()

#: Ukrainian towns and the adjective their councils and communities are named with
#: (Харківська міська рада, Дніпровська міська територіальна громада).
UK_TOWN_ADJECTIVES = dict(pair.split(":") for pair in """Харків:Харківська Київ:Київська
Запоріжжя:Запорізька Херсон:Херсонська Миколаїв:Миколаївська Суми:Сумська Чернігів:Чернігівська
Дніпро:Дніпровська Краматорськ:Краматорська Слов'янськ:Слов'янська Ізюм:Ізюмська
Куп'янськ:Куп'янська Балаклія:Балаклійська Чугуїв:Чугуївська Вовчанськ:Вовчанська
Золочів:Золочівська Мерефа:Мереф'янська Лозова:Лозівська Охтирка:Охтирська
Тростянець:Тростянецька Конотоп:Конотопська Шостка:Шосткинська Ніжин:Ніжинська
Прилуки:Прилуцька Нікополь:Нікопольська Марганець:Марганецька Оріхів:Оріхівська
Гуляйполе:Гуляйпільська Вознесенськ:Вознесенська Очаків:Очаківська Берислав:Бериславська
Скадовськ:Скадовська Лиман:Лиманська Дружківка:Дружківська Костянтинівка:Костянтинівська
Покровськ:Покровська Добропілля:Добропільська Бахмут:Бахмутська Сіверськ:Сіверська
Мирноград:Мирноградська Ізмаїл:Ізмаїльська Одеса:Одеська Ірпінь:Ірпінська Буча:Бучанська
Бородянка:Бородянська Гостомель:Гостомельська Вишгород:Вишгородська Макарів:Макарівська
Баришівка:Баришівська Яготин:Яготинська""".split())
UK_TOWNS = list(UK_TOWN_ADJECTIVES)
#: Lithuanian towns (nominative) and the genitive their municipalities are named with
#: (Kauno miesto savivaldybė, Šiaulių rajono savivaldybė).
LT_TOWN_GENITIVES = dict(pair.split(":") for pair in """Plungė:Plungės Vilnius:Vilniaus
Kaunas:Kauno Klaipėda:Klaipėdos Šiauliai:Šiaulių Panevėžys:Panevėžio Alytus:Alytaus
Marijampolė:Marijampolės Mažeikiai:Mažeikių Jonava:Jonavos Utena:Utenos Kėdainiai:Kėdainių
Telšiai:Telšių Tauragė:Tauragės Ukmergė:Ukmergės Visaginas:Visagino Palanga:Palangos
Druskininkai:Druskininkų Rokiškis:Rokiškio Biržai:Biržų Kretinga:Kretingos Šilutė:Šilutės
Raseiniai:Raseinių Anykščiai:Anykščių Molėtai:Molėtų Prienai:Prienų Joniškis:Joniškio
Kelmė:Kelmės Varėna:Varėnos Zarasai:Zarasų Pasvalys:Pasvalio Kupiškis:Kupiškio
Šalčininkai:Šalčininkų Širvintos:Širvintų Ignalina:Ignalinos Lazdijai:Lazdijų
Elektrėnai:Elektrėnų Birštonas:Birštono Neringa:Neringos Rietavas:Rietavo""".split())
LT_TOWNS = list(LT_TOWN_GENITIVES)

UK_POSITIONS = ["Міський голова", "Заступник міського голови", "Секретар міської ради",
                "Начальник відділу міжнародної співпраці", "Голова громади",
                "Керуючий справами", "Радник з питань відновлення", "Начальник управління освіти"]
LT_POSITIONS = ["Meras", "Mero pavaduotojas", "Administracijos direktorius",
                "Tarptautinių ryšių specialistas", "Tarybos narys", "Vyriausiasis patarėjas"]
ITEMS_UK = ["Генератори", "Обігрівачі", "Ліки", "Шкільні автобуси", "Медичне обладнання",
            "Модульні будинки", "Трансформатори", "Водоочисні станції"]
ITEMS_EN = ["generators", "heaters", "medicines", "school buses", "medical equipment",
            "modular houses", "transformers", "water purification units"]
PURPOSES = [
    "Муніципальна європейська інтеграція та спільні програми відновлення.",
    "Savivaldybių bendradarbiavimas energetinio atsparumo srityje.",
    "Cooperation in infrastructure recovery, energy resilience and modern city services.",
    "Підтримка внутрішньо переміщених осіб і розвиток людського потенціалу.",
]
