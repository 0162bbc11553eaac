"""The one catalogue of dashboard text, in Swedish (the default) and English.

Every string a user reads in the dashboard comes from here through :func:`t`. Keys are
dotted, lower-case and grouped by where the text appears (``app.``, ``nav.``, ``page.<id>.``,
``error.``). Each key has a text for every language in :data:`LANGUAGES`, and the
``{placeholders}`` agree between languages (``tests/smile_core/test_i18n.py`` holds the
catalogue to that). To add text, add one entry to ``_CATALOGUE`` with both languages.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

#: Supported UI languages, the default first.
LANGUAGES: tuple[str, ...] = ("sv", "en")
DEFAULT_LANGUAGE = "sv"

#: Each language's name in itself, for the language switch.
LANGUAGE_NAMES: Mapping[str, str] = {"sv": "Svenska", "en": "English"}

_CATALOGUE: dict[str, dict[str, str]] = {
    # The frame every page shares.
    "app.title": {
        "sv": "SMILE – matchning av adepter och mentorer",
        "en": "SMILE – matching adepts and mentors",
    },
    "app.language_switch": {"sv": "Språk", "en": "Language"},
    "app.programme_switch": {"sv": "Program", "en": "Programme"},
    "app.programme_demo": {"sv": "Demoprogram: {name}", "en": "Demo programme: {name}"},
    "app.programme_uploaded": {"sv": "Uppladdat program", "en": "Uploaded programme"},
    "app.no_plan_yet": {
        "sv": "Här visas planen när du har kört matchningen.",
        "en": "The plan appears here once you have run the matching.",
    },
    "app.go_to_matching": {"sv": "Gå till Matchning", "en": "Go to Matching"},
    "app.choose": {"sv": "Välj …", "en": "Choose …"},
    # Logging in, and the local single-user mode (smile_ui.login).
    "login.title": {"sv": "Logga in", "en": "Log in"},
    "login.name": {"sv": "Användarnamn", "en": "User name"},
    "login.password": {"sv": "Lösenord", "en": "Password"},
    "login.submit": {"sv": "Logga in", "en": "Log in"},
    "login.logout": {"sv": "Logga ut", "en": "Log out"},
    "login.expired": {
        "sv": "Du loggades ut efter en stunds inaktivitet. Logga in igen.",
        "en": "You were logged out after a while without activity. Please log in again.",
    },
    "login.no_accounts": {
        "sv": "Servern lyssnar på fler adresser än den här datorn, så inloggning krävs, men "
        "det finns inga konton. Skapa den första administratören på servern med "
        "`smile users add NAMN --role admin`.",
        "en": "The server listens on more than this machine, so a login is required, but there "
        "are no accounts. Create the first administrator on the server with "
        "`smile users add NAME --role admin`.",
    },
    "login.local_mode": {
        "sv": "Lokalt läge: bara den här datorn når SMILE, utan inloggning. När ett konto finns "
        "(`smile users add`) eller servern lyssnar på en annan adress krävs inloggning.",
        "en": "Local mode: only this computer reaches SMILE, without a login. Once an account "
        "exists (`smile users add`) or the server listens on another address, a login is "
        "required.",
    },
    "login.signed_in_as": {
        "sv": "Inloggad som {name} ({role})",
        "en": "Logged in as {name} ({role})",
    },
    "login.sso": {
        "sv": "Logga in med organisationens konto",
        "en": "Sign in with your organisation's account",
    },
    "login.sso_or_password": {
        "sv": "Eller logga in med ett SMILE-konto och lösenord:",
        "en": "Or log in with a SMILE account and password:",
    },
    "login.role.coordinator": {"sv": "samordnare", "en": "coordinator"},
    "login.role.steering": {"sv": "styrgrupp", "en": "steering group"},
    "login.role.admin": {"sv": "administratör", "en": "administrator"},
    # What the store says to a session whose people changed meanwhile (smile_ui.persistence).
    "store.not_saved": {
        "sv": "Resultatet sparades inte: {reason}",
        "en": "The result was not saved: {reason}",
    },
    "store.erased_demo": {
        "sv": "Någon i det här demoprogrammet har raderats ur databasen i en annan session. "
        "Planer med den personen sparas inte längre.",
        "en": "Someone in this demo programme was erased from the database in another session. "
        "Plans with that person are no longer saved.",
    },
    "store.erased_reloaded": {
        "sv": "Någon i den här kohorten har raderats ur databasen i en annan session. Kohorten "
        "är inläst på nytt utan personen.",
        "en": "Someone in this cohort was erased from the database in another session. The "
        "cohort was loaded again without them.",
    },
    # The steering group's figures and the accounts page (smile_ui.access_view).
    "figures.no_programmes": {
        "sv": "Du har inte fått något program ännu.",
        "en": "You have not been given any programme yet.",
    },
    "figures.no_plan": {"sv": "Ingen plan ännu.", "en": "No plan yet."},
    "figures.everyone": {"sv": "Alla", "en": "Everyone"},
    "figures.applicants": {"sv": "Sökande", "en": "Applicants"},
    "figures.matched": {"sv": "Matchade", "en": "Matched"},
    "figures.match_rate": {"sv": "Andel matchade", "en": "Match rate"},
    "figures.hidden_note": {
        "sv": "– betyder att siffran döljs: den gäller färre än fem personer eller skulle "
        "avslöja en sådan siffra.",
        "en": "– means the figure is hidden: it is about fewer than five people or would give "
        "such a figure away.",
    },
    "users.none": {
        "sv": "Inga konton ännu. Utan konton körs SMILE i lokalt läge; med det första kontot "
        "slutar det lokala läget och alla måste logga in (börja med en administratör).",
        "en": "No accounts yet. Without accounts SMILE runs in local mode; the first account "
        "ends the local mode and everyone must log in (start with an administrator).",
    },
    "users.name": {"sv": "Namn", "en": "Name"},
    "users.role": {"sv": "Roll", "en": "Role"},
    "users.programmes": {"sv": "Program (id)", "en": "Programmes (id)"},
    "users.add": {"sv": "Lägg till konto", "en": "Add account"},
    "users.added": {"sv": "Kontot {name} är skapat.", "en": "Account {name} created."},
    # Navigation sections: who each group of pages is for.
    "nav.coordinator": {"sv": "Samordnare", "en": "Coordinator"},
    "nav.steering_group": {"sv": "Styrgrupp", "en": "Steering group"},
    "nav.administration": {"sv": "Administration", "en": "Administration"},
    # Pages: the title, and one line saying what the page is for.
    "page.overview.title": {"sv": "Översikt", "en": "Overview"},
    "page.overview.purpose": {
        "sv": "Programmet i korthet: adepter, mentorer och arbetsplatser, och om allt är klart "
        "för matchning.",
        "en": "The programme at a glance: adepts, mentors and workplaces, and whether everything "
        "is ready for matching.",
    },
    "page.participants.title": {"sv": "Deltagare", "en": "Participants"},
    "page.participants.purpose": {
        "sv": "Ladda upp adepter, mentorer och arbetsplatser från CSV eller Excel och se vad som "
        "behöver rättas.",
        "en": "Upload adepts, mentors and workplaces from CSV or Excel and see what needs fixing.",
    },
    "page.figures.title": {"sv": "Styrgruppens siffror", "en": "Steering figures"},
    "page.figures.purpose": {
        "sv": "Sökande, matchade och andel matchade per kön i varje kohort av dina program, från "
        "den överenskomna planen; små grupper döljs.",
        "en": "Applicants, matched and match rate by gender in each cohort of your programmes, "
        "from the agreed plan; small groups are hidden.",
    },
    "page.users.title": {"sv": "Konton", "en": "Accounts"},
    "page.users.purpose": {
        "sv": "Vem som får logga in, med vilken roll och vilka program.",
        "en": "Who may log in, with which role and which programmes.",
    },
    "page.matching.title": {"sv": "Matchning", "en": "Matching"},
    "page.matching.purpose": {
        "sv": "Välj regler och vikter, låt SMILE föreslå par och justera planen: lås, förbjud "
        "eller byt mentor.",
        "en": "Choose rules and weights, let SMILE propose pairs and adjust the plan: lock, "
        "forbid or change mentor.",
    },
    "page.pairs.title": {"sv": "Par", "en": "Pairs"},
    "page.pairs.purpose": {
        "sv": "Utforska paren: poäng, deras delar och hur mentorer och arbetsplatser används.",
        "en": "Explore the pairs: scores, what they are made of and how mentors and workplaces "
        "are used.",
    },
    "page.equality.title": {"sv": "Jämställdhet", "en": "Equality"},
    "page.equality.purpose": {
        "sv": "Sökande och matchade efter kön, jämfört med målen. Grupper med färre än {k} "
        "personer visas inte.",
        "en": "Applicants and matched by gender, against the targets. Groups of fewer than {k} "
        "people are not shown.",
    },
    "page.outcomes.title": {"sv": "Utfall", "en": "Outcomes"},
    "page.outcomes.purpose": {
        "sv": "Vad adepterna gör 3, 6 och 12 månader efter starten, och vad deltagarna tyckte. "
        "Grupper med färre än {k} personer visas inte.",
        "en": "What adepts are doing 3, 6 and 12 months after the start, and what participants "
        "thought. Groups of fewer than {k} people are not shown.",
    },
    "page.export.title": {"sv": "Export", "en": "Export"},
    "page.export.purpose": {
        "sv": "Hämta planen som Excel eller CSV och en rapport till styrgruppen.",
        "en": "Download the plan as Excel or CSV and a report for the steering group.",
    },
    # Words for codes in the data: genders, preferences, goal tags, mentor types.
    "gender.woman": {"sv": "Kvinna", "en": "Woman"},
    "gender.man": {"sv": "Man", "en": "Man"},
    "gender.non_binary": {"sv": "Icke-binär", "en": "Non-binary"},
    "gender.undisclosed": {"sv": "Ej angivet", "en": "Not given"},
    "gender.other": {"sv": "Annat eller ej angivet", "en": "Other or not given"},
    "preference.any": {"sv": "Spelar ingen roll", "en": "Any"},
    "preference.woman": {"sv": "Kvinna", "en": "Woman"},
    "preference.man": {"sv": "Man", "en": "Man"},
    "goal.network": {"sv": "nätverk", "en": "network"},
    "goal.labour_market": {"sv": "arbetsmarknadskunskap", "en": "labour market"},
    "goal.workplace_culture": {"sv": "arbetsplatskultur", "en": "workplace culture"},
    "goal.language": {"sv": "språk", "en": "language"},
    "goal.cv_interview": {"sv": "CV och intervju", "en": "CV and interview"},
    "goal.trade_skills": {"sv": "yrkeskunskap", "en": "trade skills"},
    "goal.education": {"sv": "utbildning och validering", "en": "education and validation"},
    "mentor_type.mentor": {"sv": "mentor", "en": "mentor"},
    "mentor_type.supervisor": {"sv": "handledare", "en": "workplace supervisor"},
    "mentor_type.company_mentor": {"sv": "företagsmentor", "en": "company mentor"},
    "mentor_type.social_mentor": {"sv": "social mentor", "en": "social mentor"},
    "mentor_type.education_mentor": {"sv": "utbildningsmentor", "en": "education mentor"},
    # Column headers: one per field of the participant tables, plus the plan's own columns.
    "field.id": {"sv": "ID", "en": "ID"},
    "field.name": {"sv": "Namn", "en": "Name"},
    "field.gender": {"sv": "Kön", "en": "Gender"},
    "field.birth_country": {"sv": "Födelseland", "en": "Country of birth"},
    "field.birth_region": {"sv": "Födelseregion", "en": "Region of birth"},
    "field.languages": {"sv": "Språk", "en": "Languages"},
    "field.swedish_level": {"sv": "Svenskanivå", "en": "Swedish level"},
    "field.field": {"sv": "Yrke/utbildning", "en": "Field"},
    "field.target_field": {"sv": "Önskat yrke", "en": "Wished job"},
    "field.municipality": {"sv": "Kommun", "en": "Municipality"},
    "field.region": {"sv": "Län", "en": "Region"},
    "field.preferred_mentor_gender": {
        "sv": "Önskat kön på mentor",
        "en": "Preferred mentor gender",
    },
    "field.goals": {"sv": "Mål", "en": "Goals"},
    "field.availability": {"sv": "Tillgänglighet", "en": "Availability"},
    "field.cohort": {"sv": "Kohort", "en": "Cohort"},
    "field.workplace_id": {"sv": "Arbetsplats", "en": "Workplace"},
    "field.capacity": {"sv": "Kapacitet", "en": "Capacity"},
    "field.min_group_size": {"sv": "Minsta grupp", "en": "Smallest group"},
    "field.offers": {"sv": "Erbjuder", "en": "Offers"},
    "field.mentor_type": {"sv": "Mentorstyp", "en": "Mentor type"},
    "field.industry": {"sv": "Bransch", "en": "Industry"},
    "field.first_name": {"sv": "Förnamn", "en": "First name"},
    "field.last_name": {"sv": "Efternamn", "en": "Last name"},
    "field.email": {"sv": "E-post", "en": "E-mail"},
    "field.organisation": {"sv": "Organisation", "en": "Organisation"},
    "field.job_title": {"sv": "Befattning", "en": "Job title"},
    "field.grade": {"sv": "Nivå", "en": "Grade"},
    "field.wishes": {"sv": "Önskar", "en": "Wishes"},
    "field.avoids": {"sv": "Undviker", "en": "Avoids"},
    "table.adepts": {"sv": "Adepter", "en": "Adepts"},
    "table.mentors": {"sv": "Mentorer", "en": "Mentors"},
    "table.workplaces": {"sv": "Arbetsplatser", "en": "Workplaces"},
    # Participants: upload, check, column mapping, the lists.
    "participants.upload.heading": {"sv": "Ladda upp filer", "en": "Upload files"},
    "participants.upload.privacy": {
        "sv": "Deltagarna i filerna (namn, kön, födelseland och de andra kolumnerna) sparas i "
        "SMILE:s databas på den här servern, som en deltagarversion i den kohort du väljer "
        "nedan, så snart de är kontrollerade; körningar, ändringar och uppföljningar sparas "
        "där också. "
        "Själva filerna sparas inte. Inget skickas utanför servern. På sidan Dataskydd raderar "
        "du en person, tar fram allt som finns sparat om en person och gallrar avslutade "
        "program.",
        "en": "The participants in the files (name, gender, country of birth and the other "
        "columns) are stored in SMILE's database on this server, as a participant version in "
        "the cohort you choose below, as soon as they are checked; runs, changes and follow-ups "
        "are stored there too. The files themselves are not kept. Nothing is sent outside the "
        "server. On the Privacy page you erase a person, export everything stored about a "
        "person and purge closed programmes.",
    },
    "participants.upload.layout": {
        "sv": "Hur ser dina filer ut?",
        "en": "What do your files look like?",
    },
    "participants.upload.layout.files": {
        "sv": "Tre filer (CSV eller Excel)",
        "en": "Three files (CSV or Excel)",
    },
    "participants.upload.layout.workbook": {
        "sv": "En Excel-bok med ett blad per tabell",
        "en": "One Excel workbook with a sheet per table",
    },
    "participants.upload.file": {"sv": "{table} (CSV eller Excel)", "en": "{table} (CSV or Excel)"},
    "participants.upload.optional": {"sv": "{table} (frivillig)", "en": "{table} (optional)"},
    "participants.upload.workbook": {
        "sv": "Excel-bok med bladen Adepter, Mentorer och Arbetsplatser",
        "en": "Excel workbook with the sheets Adepts, Mentors and Workplaces",
    },
    "participants.upload.help": {
        "sv": "Rubrikerna kan vara på svenska eller engelska. Okända rubriker kan du koppla "
        "till rätt fält efter kontrollen.",
        "en": "Headers may be in Swedish or English. Headers SMILE does not know can be "
        "matched to the right field after the check.",
    },
    "participants.upload.check": {"sv": "Kontrollera och läs in", "en": "Check and load"},
    "participants.target.programme": {"sv": "Spara i programmet", "en": "Store in programme"},
    "participants.target.cohort": {"sv": "Kohort", "en": "Cohort"},
    "participants.target.new": {
        "sv": "Ny kohort (namn efter filerna och datumet)",
        "en": "New cohort (named after the files and the date)",
    },
    "participants.target.split": {
        "sv": "En kohort per värde i kolumnen Kohort",
        "en": "One cohort per value of the Kohort column",
    },
    "participants.target.split_help": {
        "sv": "När filen har flera värden i kolumnen Kohort sparas varje intag som en egen "
        "kohort med sina adepter och alla mentorer, och matchas för sig. Finns kohorten redan "
        "blir filen dess nästa version.",
        "en": "When the file has several values in the Kohort column, each intake is stored "
        "as a cohort of its own with its adepts and every mentor, and matched on its own. A "
        "cohort that exists already gets the file as its next version.",
    },
    "participants.target.stored": {
        "sv": "Sparad som version {version} av kohorten {cohort} i programmet {programme}.",
        "en": "Stored as version {version} of cohort {cohort} in programme {programme}.",
    },
    "participants.target.split_done": {
        "sv": "Uppdelad i {count} kohorter: {names}. Den första är öppen; de andra öppnar du "
        "på sidan Program.",
        "en": "Split into {count} cohorts: {names}. The first is open; open the others on the "
        "Programmes page.",
    },
    "participants.target.together": {
        "sv": "Kolumnen Kohort har {count} värden ({names}) men filen sparades som en kohort. "
        'Kryssa i "En kohort per värde" och kontrollera igen för att dela upp den.',
        "en": "The Kohort column has {count} values ({names}) but the file was stored as one "
        'cohort. Tick "One cohort per value" and check again to split it.',
    },
    "participants.upload.need_files": {
        "sv": "Välj minst filerna med adepter och mentorer, eller en Excel-bok.",
        "en": "Choose at least the adepts and mentors files, or one workbook.",
    },
    "participants.check.heading": {"sv": "Resultat av kontrollen", "en": "Result of the check"},
    "participants.check.loaded": {
        "sv": "Inläst: {adepts} adepter, {mentors} mentorer och {workplaces} arbetsplatser. "
        "Programmet är valt i sidomenyn.",
        "en": "Loaded: {adepts} adepts, {mentors} mentors and {workplaces} workplaces. The "
        "programme is chosen in the sidebar.",
    },
    "participants.check.failed": {
        "sv": "Filerna kunde inte läsas in: {errors} fel måste rättas. Se listan nedan; "
        "rätta i din fil och ladda upp den igen.",
        "en": "The files could not be loaded: {errors} errors must be fixed. See the list "
        "below; fix your file and upload it again.",
    },
    "participants.check.warnings": {
        "sv": "{warnings} saker att titta på (hindrar inte matchning).",
        "en": "{warnings} things to look at (they do not stop matching).",
    },
    "participants.check.rows_read": {"sv": "Rader lästa: {table}", "en": "Rows read: {table}"},
    "participants.report.severity": {"sv": "Typ", "en": "Kind"},
    "participants.report.file": {"sv": "Fil", "en": "File"},
    "participants.report.row": {"sv": "Rad", "en": "Row"},
    "participants.report.column": {"sv": "Kolumn", "en": "Column"},
    "participants.report.value": {"sv": "Värde", "en": "Value"},
    "participants.report.message": {"sv": "Vad som är fel", "en": "What is wrong"},
    "severity.error": {"sv": "Fel", "en": "Error"},
    "severity.warning": {"sv": "Varning", "en": "Warning"},
    "participants.mapping.heading": {"sv": "Okända kolumner", "en": "Unknown columns"},
    "participants.mapping.intro": {
        "sv": "SMILE känner inte igen de här rubrikerna. Välj vilket fält varje kolumn "
        "innehåller, eller att den inte ska användas. Valen kommer ihåg under sessionen.",
        "en": "SMILE does not recognise these headers. Choose which field each column holds, "
        "or that it is not to be used. The choices are remembered for the session.",
    },
    "participants.mapping.column": {
        "sv": "{table}: kolumnen ”{header}”",
        "en": "{table}: column “{header}”",
    },
    "participants.mapping.unchosen": {"sv": "— välj fält —", "en": "— choose a field —"},
    "participants.mapping.ignore": {"sv": "Använd inte kolumnen", "en": "Do not use the column"},
    "participants.mapping.apply": {
        "sv": "Läs in igen med kolumnvalen",
        "en": "Load again with the column choices",
    },
    "participants.mapping.remembered": {
        "sv": "Kolumnval du gjort i den här sessionen:",
        "en": "Column choices made in this session:",
    },
    "participants.mapping.forget": {"sv": "Glöm kolumnvalen", "en": "Forget the column choices"},
    "participants.mapping.file": {
        "sv": "Kolumnmappning från fil (TOML eller JSON)",
        "en": "Column mapping from a file (TOML or JSON)",
    },
    "participants.mapping.file_help": {
        "sv": "Samma fil som smile validate --map läser: rubriker till fält, egna ord för "
        "värden (t.ex. Female = kvinna), kolumner som slås ihop eller delas.",
        "en": "The same file smile validate --map reads: headers to fields, your own words for "
        "values (e.g. Female = woman), columns combined or split.",
    },
    "participants.mapping.file_apply": {
        "sv": "Använd mappningsfilen",
        "en": "Use the mapping file",
    },
    "participants.mapping.file_bad": {
        "sv": "Mappningsfilen kan inte användas: {problem}",
        "en": "The mapping file cannot be used: {problem}",
    },
    "participants.mapping.saved_offer": {
        "sv": "Programmet har en sparad kolumnmappning från en tidigare uppladdning.",
        "en": "The programme has a saved column mapping from an earlier upload.",
    },
    "participants.mapping.saved_use": {
        "sv": "Använd den sparade kolumnmappningen",
        "en": "Use the saved column mapping",
    },
    "participants.mapping.download": {
        "sv": "Ladda ner kolumnmappningen (JSON)",
        "en": "Download the column mapping (JSON)",
    },
    "participants.values.heading": {"sv": "Okända värden", "en": "Unknown values"},
    "participants.values.intro": {
        "sv": "SMILE känner inte igen de här orden. Välj vad varje ord betyder; valet gäller "
        "alla rader med samma ord och sparas med kolumnmappningen.",
        "en": "SMILE does not recognise these words. Choose what each word means; the choice "
        "applies to every row with the same word and is saved with the column mapping.",
    },
    "participants.values.word": {
        "sv": "{table}: ”{value}” i kolumnen ”{header}” betyder",
        "en": "{table}: “{value}” in the column “{header}” means",
    },
    "participants.values.unchosen": {"sv": "— välj —", "en": "— choose —"},
    "participants.values.apply": {
        "sv": "Läs in igen med orden",
        "en": "Load again with the words",
    },
    "participants.mapping.header": {"sv": "Din rubrik", "en": "Your header"},
    "participants.mapping.field": {"sv": "Fält i SMILE", "en": "Field in SMILE"},
    "participants.tables.heading": {"sv": "Deltagarlistor", "en": "Participant lists"},
    "participants.tables.programme": {"sv": "Visar: {programme}", "en": "Showing: {programme}"},
    "participants.filter.search": {"sv": "Sök på ID eller namn", "en": "Search by ID or name"},
    "participants.filter.gender": {"sv": "Kön", "en": "Gender"},
    "participants.filter.field": {"sv": "Yrke/utbildning", "en": "Field"},
    "participants.filter.region": {"sv": "Län", "en": "Region"},
    "participants.filter.shown": {
        "sv": "Visar {shown} av {total}.",
        "en": "Showing {shown} of {total}.",
    },
    # Score components (weights, the pairs' parts).
    "component.target_field": {"sv": "Önskat yrke", "en": "Wished job"},
    "component.background": {"sv": "Bakgrund", "en": "Background"},
    "component.language": {"sv": "Språk", "en": "Language"},
    "component.location": {"sv": "Plats", "en": "Location"},
    "component.goals": {"sv": "Mål", "en": "Goals"},
    "component.availability": {"sv": "Tillgänglighet", "en": "Availability"},
    "component.wish": {"sv": "Önskemål", "en": "Wish"},
    "component.gender_penalty": {"sv": "Avdrag för kön", "en": "Gender preference penalty"},
    # Matching: settings.
    "matching.programme": {
        "sv": "{programme}: {adepts} adepter och {mentors} mentorer.",
        "en": "{programme}: {adepts} adepts and {mentors} mentors.",
    },
    "matching.settings.heading": {"sv": "Inställningar", "en": "Settings"},
    "matching.settings.weights": {"sv": "Vad som gör ett bra par", "en": "What makes a good pair"},
    "matching.settings.weights_help": {
        "sv": "Vikterna säger hur mycket varje del räknas i parets poäng (0–100). Bara "
        "förhållandet mellan dem spelar roll.",
        "en": "The weights say how much each part counts in a pair's score (0–100). Only how "
        "they compare matters.",
    },
    "matching.settings.weight.target_field": {
        "sv": "Mentorn arbetar med det yrke adepten vill ha (närliggande yrken räknas delvis).",
        "en": "The mentor works in the job the adept wants (related jobs count partly).",
    },
    "matching.settings.weight.background": {
        "sv": "Mentorns yrke liknar adeptens egen utbildning eller yrke.",
        "en": "The mentor's field is like the adept's own education or job.",
    },
    "matching.settings.weight.language": {
        "sv": "De har ett språk gemensamt; ett annat språk än svenska räknas mer när adeptens "
        "svenska är svag.",
        "en": "They share a language; a language other than Swedish counts more when the "
        "adept's Swedish is weak.",
    },
    "matching.settings.weight.location": {
        "sv": "Samma kommun ger full poäng, samma län halv.",
        "en": "The same municipality gives full points, the same region half.",
    },
    "matching.settings.weight.goals": {
        "sv": "Hur många av adeptens mål mentorn kan hjälpa till med.",
        "en": "How many of the adept's goals the mentor can help with.",
    },
    "matching.settings.weight.availability": {
        "sv": "De kan träffas vid samma tider.",
        "en": "They can meet at the same times.",
    },
    "matching.settings.weight.wish": {
        "sv": "Adepten eller mentorn har önskat den andra (kolumnen Önskar). Räknas som poäng "
        "ovanpå de andra delarna, inte som en andel.",
        "en": "The adept or the mentor wished for the other (column Wishes). Counts as points "
        "on top of the other parts, not as a share.",
    },
    "matching.settings.same_organisation": {
        "sv": "Inte från den egna organisationen",
        "en": "Not from one's own organisation",
    },
    "matching.settings.same_organisation_help": {
        "sv": "Som krav: en adept får ingen mentor från sin egen organisation (kolumnen "
        "Organisation, eller mentorns arbetsplats).",
        "en": "As a rule: no adept gets a mentor from their own organisation (the Organisation "
        "column, or the mentor's workplace).",
    },
    "matching.settings.weights_all_zero": {
        "sv": "Minst en vikt måste vara större än noll, annars får alla par samma poäng.",
        "en": "At least one weight must be above zero, or every pair gets the same score.",
    },
    "matching.settings.equality": {"sv": "Jämställdhetsregler", "en": "Equality rules"},
    "matching.settings.match_rate": {
        "sv": "Lika chans att få en mentor",
        "en": "Equal chance of getting a mentor",
    },
    "matching.settings.match_rate_help": {
        "sv": "Lyfter, sänker aldrig: den lägsta gruppens matchningsandel görs så hög som "
        "mentorerna räcker till, sedan nästa, sedan matchas så många som möjligt. Ingen lämnas "
        "utan mentor bara för att minska ett gap. Målet (procentenheter under andelen sökande) "
        "rapporteras med orsak när det inte nås. Gäller kön med minst så många sökande som "
        "gruppgränsen.",
        "en": "Lifts, never levels down: the lowest group's match rate is made as high as the "
        "mentors allow, then the next, then as many as possible are matched. Nobody is left "
        "without a mentor only to narrow a gap. The target (points below the share of "
        "applicants) is reported, with the cause, when it is missed. Applies to genders with "
        "at least the group limit of applicants.",
    },
    "matching.settings.match_rate_strict": {
        "sv": "Strikt: håll målet även om färre matchas",
        "en": "Strict: keep the target even if fewer are matched",
    },
    "matching.settings.match_rate_strict_help": {
        "sv": "Den gamla hårda regeln. Resultatet säger hur många den lämnar utan mentor.",
        "en": "The old hard rule. The result says how many it leaves without a mentor.",
    },
    "matching.settings.quality_strict": {
        "sv": "Strikt: håll skillnaden även om färre matchas",
        "en": "Strict: keep the difference even if fewer are matched",
    },
    "matching.settings.quality_strict_help": {
        "sv": "Bara för ”Skillnaden får vara högst”. Den gamla hårda regeln; annars avgörs "
        "kvaliteten med de lyfta antalen och ingen lämnas utan mentor för den.",
        "en": "Only for “The difference may be at most”. The old hard rule; otherwise quality "
        "is decided at the lifted counts and nobody is left without a mentor for it.",
    },
    "matching.settings.match_rate_points": {
        "sv": "Högst så här många procentenheter under",
        "en": "At most this many points below",
    },
    "matching.settings.quality": {
        "sv": "Lika bra par för kvinnor och män",
        "en": "Equally good pairs for women and men",
    },
    "matching.settings.quality_help": {
        "sv": "Jämför medelpoängen för matchade kvinnor och män, med antalen matchade redan "
        "bestämda: ingen lämnas utan mentor för att jämna ut kvaliteten.",
        "en": "Compares the mean score of matched women and of matched men, with the numbers "
        "matched already fixed: nobody is left without a mentor to even out quality.",
    },
    "matching.settings.quality_mode": {"sv": "Hur", "en": "How"},
    "matching.settings.quality_mode.max_gap": {
        "sv": "Skillnaden får vara högst",
        "en": "The difference may be at most",
    },
    "matching.settings.quality_mode.maximin": {
        "sv": "Gör den sämre gruppens medel så högt som möjligt",
        "en": "Make the worse-off group's mean as high as possible",
    },
    "matching.settings.quality_points": {"sv": "Poäng i skillnad", "en": "Points of difference"},
    "matching.settings.workplace_mix": {
        "sv": "Blandning på arbetsplatserna",
        "en": "Mix at the workplaces",
    },
    "matching.settings.workplace_mix_help": {
        "sv": "På varje arbetsplats som tar emot minst två adepter ska minst denna andel vara "
        "kvinnor. Passar bara när tillräckligt många kvinnor söker.",
        "en": "At each workplace that takes at least two adepts, at least this share are "
        "women. Only sensible when enough women apply.",
    },
    "matching.settings.workplace_mix_share": {
        "sv": "Minsta andel kvinnor",
        "en": "Smallest share of women",
    },
    "matching.settings.min_group": {"sv": "Gruppgräns (personer)", "en": "Group limit (people)"},
    "matching.settings.min_group_help": {
        "sv": "Kön med färre sökande än så här räknas och redovisas men styrs inte av reglerna.",
        "en": "Genders with fewer applicants than this are counted and reported but not "
        "constrained by the rules.",
    },
    "matching.settings.rules": {"sv": "Övriga regler", "en": "Other rules"},
    # History across cohorts and the spread of mentors' load (smile_core.history,
    # smile_core.load_spread).
    "matching.settings.history": {
        "sv": "Tidigare kohorter och mentorernas belastning",
        "en": "Earlier cohorts and the mentors' load",
    },
    "matching.settings.earlier_mentor": {
        "sv": "Mentor från en tidigare kohort",
        "en": "Mentor from an earlier cohort",
    },
    "matching.settings.earlier_mentor.forbid": {"sv": "erbjuds inte igen", "en": "not again"},
    "matching.settings.earlier_mentor.penalty": {"sv": "avdrag", "en": "penalty"},
    "matching.settings.earlier_mentor.allow": {"sv": "tillåten", "en": "allowed"},
    "matching.settings.earlier_mentor_help": {
        "sv": "En adept som hade en mentor i en tidigare kohorts överenskomna plan (samma "
        "program) får inte samma mentor igen, eller bara med poängavdraget nedan.",
        "en": "An adept who had a mentor in an earlier cohort's agreed plan (same programme) "
        "does not get that mentor again, or only with the penalty below.",
    },
    "matching.settings.earlier_penalty": {
        "sv": "Avdrag för tidigare mentor (poäng)",
        "en": "Penalty for an earlier mentor (points)",
    },
    "matching.settings.spread_load": {
        "sv": "Sprid mentorernas belastning (poäng per extra adept)",
        "en": "Spread the mentors' load (points per extra adept)",
    },
    "matching.settings.spread_load_help": {
        "sv": "Varje adept utöver en mentors första kostar så många poäng: en mentor utan "
        "adept väljs före en som redan har en. 0 = av. Priset visas efter körningen.",
        "en": "Every adept beyond a mentor's first costs this many points: a mentor without an "
        "adept is chosen before one who already has one. 0 = off. The price is shown after "
        "the run.",
    },
    "matching.history.forbid": {
        "sv": "{count} adepter fick inte tillbaka sin mentor från en tidigare kohort.",
        "en": "{count} adepts were not offered their mentor from an earlier cohort again.",
    },
    "matching.history.penalty": {
        "sv": "{count} adepter hade en av mentorerna i en tidigare kohort: de paren fick avdrag.",
        "en": "{count} adepts had one of the mentors in an earlier cohort: those pairs lost "
        "points.",
    },
    "matching.history.allow": {
        "sv": "{count} adepter hade en av mentorerna i en tidigare kohort (tillåtet).",
        "en": "{count} adepts had one of the mentors in an earlier cohort (allowed).",
    },
    "matching.spread.price": {
        "sv": "Att sprida belastningen kostade {cost} poäng totalt ({before} → {after}). "
        "Mentorer med adept: {mentors_before} → {mentors_after}; med två eller fler: "
        "{doubled_before} → {doubled_after}.",
        "en": "Spreading the load cost {cost} points in total ({before} → {after}). Mentors "
        "with an adept: {mentors_before} → {mentors_after}; with two or more: "
        "{doubled_before} → {doubled_after}.",
    },
    "matching.settings.gender_preference": {
        "sv": "Adeptens önskan om mentorns kön",
        "en": "The adept's wish for the mentor's gender",
    },
    "matching.settings.gender_preference.soft": {
        "sv": "Önskemål (poängavdrag annars)",
        "en": "A wish (points off otherwise)",
    },
    "matching.settings.gender_preference.hard": {"sv": "Krav", "en": "A requirement"},
    "matching.settings.gender_preference_help": {
        "sv": "Som krav får adepten bara mentorer av det kön hen önskat. Som önskemål dras "
        "poäng av när önskan inte uppfylls.",
        "en": "As a requirement the adept only gets mentors of the wished gender. As a wish, "
        "points are taken off when it is not met.",
    },
    "matching.settings.penalty": {"sv": "Poängavdrag", "en": "Points off"},
    "matching.settings.penalty_help": {
        "sv": "Så många poäng dras av när mentorns kön inte är det önskade (bara som önskemål).",
        "en": "Points taken off when the mentor's gender is not the wished one (wish only).",
    },
    "matching.settings.priority": {"sv": "Vad som går först", "en": "What comes first"},
    "matching.settings.priority.coverage": {
        "sv": "Så många matchade som möjligt",
        "en": "As many matched as possible",
    },
    "matching.settings.priority.quality": {"sv": "Bästa möjliga par", "en": "The best pairs"},
    "matching.settings.priority_help": {
        "sv": "Så många matchade som möjligt: först flest par, sedan högst poäng. Bästa möjliga "
        "par: högst sammanlagd poäng, även om någon med bara svaga par då blir utan.",
        "en": "As many matched as possible: most pairs first, then the highest score. The best "
        "pairs: the highest total score, even if someone with only weak pairs is left out.",
    },
    "matching.settings.no_shared_language": {
        "sv": "Tillåt par utan gemensamt språk",
        "en": "Allow pairs with no shared language",
    },
    "matching.settings.no_shared_language_help": {
        "sv": "Annars paras bara adepter och mentorer som kan tala med varandra.",
        "en": "Otherwise only adepts and mentors who can talk to each other are paired.",
    },
    "matching.settings.time_limit": {"sv": "Tidsgräns (sekunder)", "en": "Time limit (seconds)"},
    "matching.settings.time_limit_help": {
        "sv": "Längsta tid att leta. Hinner SMILE inte bevisa bästa plan visas hur nära den är.",
        "en": "The longest time to search. If SMILE cannot prove the best plan in time, it "
        "shows how close the plan is.",
    },
    "matching.settings.seed": {"sv": "Slumpfrö", "en": "Seed"},
    "matching.settings.seed_help": {
        "sv": "Samma frö och samma inställningar ger samma plan.",
        "en": "The same seed and settings give the same plan.",
    },
    "matching.run": {"sv": "Matcha", "en": "Match"},
    "matching.running": {"sv": "Matchar …", "en": "Matching …"},
    "matching.done": {"sv": "Klart på {seconds} s", "en": "Done in {seconds} s"},
    "progress.stage.read": {
        "sv": "Filerna lästa ({seconds} s)",
        "en": "Files read ({seconds} s)",
    },
    "progress.stage.validated": {
        "sv": "Filerna kontrollerade ({seconds} s)",
        "en": "Files checked ({seconds} s)",
    },
    "progress.stage.readiness": {
        "sv": "Beredskapen bedömd ({seconds} s)",
        "en": "Readiness checked ({seconds} s)",
    },
    "progress.stage.scored": {
        "sv": "Poäng för alla par klara ({seconds} s)",
        "en": "Every pair scored ({seconds} s)",
    },
    "progress.stage.relaxation": {
        "sv": "Övre gräns beräknad med flöde ({seconds} s)",
        "en": "Upper bound computed by flow ({seconds} s)",
    },
    "progress.stage.leximin_flow": {
        "sv": "Jämlika matchningsandelar beräknade med flöde ({seconds} s)",
        "en": "Equal match rates computed by flow ({seconds} s)",
    },
    "progress.stage.warm_start": {
        "sv": "En första plan hittad ({seconds} s)",
        "en": "A first plan found ({seconds} s)",
    },
    "progress.stage.gap_witness": {
        "sv": "En plan inom målet för skillnad hittad ({seconds} s)",
        "en": "A plan within the gap target found ({seconds} s)",
    },
    "progress.stage.worst_off_flow": {
        "sv": "Den sämre ställda gruppens medelpoäng lyft med flöde ({seconds} s)",
        "en": "The worse-off group's mean score lifted by flow ({seconds} s)",
    },
    "progress.stage.strict_counts_flow": {
        "sv": "Flest matchade inom den strikta andelsregeln, med flöde ({seconds} s)",
        "en": "The most matched within the strict share rule, by flow ({seconds} s)",
    },
    "progress.stage.cp_sat_on_the_fixed_pairs": {
        "sv": "Bästa plan bland de par som kan slå den kända, sökt ({seconds} s)",
        "en": "Best plan among the pairs that can beat the known one, searched ({seconds} s)",
    },
    "progress.stage.cp_sat": {
        "sv": "CP-SAT:s sökning klar ({seconds} s)",
        "en": "CP-SAT's search done ({seconds} s)",
    },
    "progress.stage.cp_sat_check": {
        "sv": "CP-SAT har kontrollerat att planen håller alla regler ({seconds} s)",
        "en": "CP-SAT checked that the plan keeps every rule ({seconds} s)",
    },
    "progress.stage.done": {
        "sv": "Skäl och kontroller klara ({seconds} s)",
        "en": "Reasons and checks done ({seconds} s)",
    },
    "progress.stage.point": {
        "sv": "En punkt till på kurvan ({seconds} s)",
        "en": "One more point on the curve ({seconds} s)",
    },
    "progress.stage.pdf": {
        "sv": "PDF skriven ({seconds} s)",
        "en": "PDF written ({seconds} s)",
    },
    "progress.stage.other": {"sv": "Arbetar ({seconds} s)", "en": "Working ({seconds} s)"},
    "progress.phase.scoring": {"sv": "Poängsätter paren", "en": "Scoring the pairs"},
    "progress.phase.flow": {
        "sv": "Flöde: gräns och första plan",
        "en": "Flow: bound and first plan",
    },
    "progress.phase.search": {
        "sv": "CP-SAT söker bästa planen (högst {limit} s)",
        "en": "CP-SAT searches for the best plan (at most {limit} s)",
    },
    "progress.phase.check": {"sv": "Kontroller och skäl", "en": "Checks and reasons"},
    "progress.state.done": {"sv": "klart på {seconds} s", "en": "done in {seconds} s"},
    "progress.state.running": {"sv": "pågår, {seconds} s", "en": "running, {seconds} s"},
    "progress.state.waiting": {"sv": "väntar", "en": "waiting"},
    "progress.points": {
        "sv": "{done} av {total} punkter klara ({seconds} s)",
        "en": "{done} of {total} points done ({seconds} s)",
    },
    "progress.cancel": {"sv": "Avbryt", "en": "Cancel"},
    "progress.cancel_help": {
        "sv": "Stoppar sökningen. Den bästa plan som CP-SAT har kontrollerat hittills behålls, "
        "med sin ärliga status.",
        "en": "Stops the search. The best plan CP-SAT has checked so far is kept, with its "
        "honest status.",
    },
    "progress.cancelling": {
        "sv": "Avbryter … den bästa kontrollerade planen hittills behålls.",
        "en": "Cancelling … the best checked plan so far is kept.",
    },
    "progress.cancelled": {
        "sv": "Avbruten: planen nedan är den bästa som CP-SAT hade kontrollerat när du avbröt.",
        "en": "Cancelled: the plan below is the best CP-SAT had checked when you cancelled.",
    },
    "progress.cancelled_no_plan": {
        "sv": "Avbruten: ingen plan hann hittas. Matcha igen med mer tid.",
        "en": "Cancelled: no plan was found in time. Match again with more time.",
    },
    "progress.cancelled_curve": {
        "sv": "Avbruten: kurvan visar bara de punkter som hann beräknas.",
        "en": "Cancelled: the curve shows only the points computed before the cancel.",
    },
    "progress.what_if": {"sv": "Provar paret …", "en": "Trying the pair …"},
    "progress.price": {"sv": "Beräknar kurvan …", "en": "Computing the curve …"},
    "progress.reading": {
        "sv": "Läser och kontrollerar filerna ({seconds} s) …",
        "en": "Reading and checking the files ({seconds} s) …",
    },
    "matching.not_run": {
        "sv": "Välj inställningar och tryck på Matcha. SMILE letar bara när du trycker.",
        "en": "Choose the settings and press Match. SMILE only searches when you press it.",
    },
    # Matching: the result.
    "matching.result.heading": {"sv": "Resultat", "en": "Result"},
    "matching.banner.optimal": {
        "sv": "Bevisat bästa möjliga plan med de här reglerna (hittad på {seconds} s).",
        "en": "Proven best possible plan under these rules (found in {seconds} s).",
    },
    "matching.banner.feasible": {
        "sv": "Planen är högst {gap} från bästa möjliga plan (tidsgränsen nåddes efter "
        "{seconds} s). Öka tidsgränsen för att komma närmare.",
        "en": "The plan is within {gap} of the best possible plan (the time limit was reached "
        "after {seconds} s). Raise the time limit to get closer.",
    },
    "matching.banner.time_limit": {
        "sv": "Ingen plan hittades inom tidsgränsen ({seconds} s). Öka tidsgränsen och matcha "
        "igen.",
        "en": "No plan was found within the time limit ({seconds} s). Raise the time limit and "
        "match again.",
    },
    "matching.banner.infeasible": {
        "sv": "Det finns ingen plan som håller alla regler. De här reglerna går inte ihop:",
        "en": "No plan keeps every rule. These rules cannot all hold:",
    },
    "matching.banner.infeasible_hint": {
        "sv": "Ta bort ett lås eller ett förbud, eller mildra en jämställdhetsregel, och matcha "
        "igen.",
        "en": "Remove a lock or a forbid, or relax an equality rule, and match again.",
    },
    "matching.hand_edited": {
        "sv": "Du har ändrat {count} par för hand sedan senaste matchningen. Siffrorna gäller "
        "planen som den ser ut nu.",
        "en": "You have changed {count} pairs by hand since the last matching. The figures are "
        "for the plan as it is now.",
    },
    "matching.figures.matched": {"sv": "Matchade adepter", "en": "Matched adepts"},
    "matching.figures.matched_help": {
        "sv": "Adepter med en mentor i planen, av alla adepter.",
        "en": "Adepts with a mentor in the plan, of all adepts.",
    },
    "matching.figures.of": {"sv": "{part} av {whole}", "en": "{part} of {whole}"},
    "matching.figures.mean_score": {"sv": "Medelpoäng", "en": "Mean score"},
    "matching.figures.total_score": {"sv": "Total poäng", "en": "Total score"},
    "matching.figures.woman": {"sv": "Kvinnor matchade", "en": "Women matched"},
    "matching.figures.man": {"sv": "Män matchade", "en": "Men matched"},
    "matching.figures.gender_help": {
        "sv": "{rate} matchade, medelpoäng {mean}.",
        "en": "{rate} matched, mean score {mean}.",
    },
    "matching.check.ok": {
        "sv": "Kontroll: planen håller alla regler (kontrollerad oberoende av lösaren).",
        "en": "Check: the plan keeps every rule (checked independently of the solver).",
    },
    "matching.check.broken": {
        "sv": "Planen som den ser ut nu bryter {count} regler. Matcha om för att rätta det.",
        "en": "The plan as it is now breaks {count} rules. Match again to put it right.",
    },
    "matching.check.rule": {"sv": "Regel", "en": "Rule"},
    "matching.check.detail": {"sv": "Detaljer", "en": "Details"},
    "matching.check.rule.lock": {"sv": "Låst par", "en": "Locked pair"},
    "matching.check.rule.forbid": {"sv": "Förbjudet par", "en": "Forbidden pair"},
    "matching.check.rule.must_match": {"sv": "Måste matchas", "en": "Must be matched"},
    "matching.check.rule.allowed": {"sv": "Tillåtet par", "en": "Allowed pair"},
    "matching.check.rule.match_rate": {"sv": "Lika chans", "en": "Equal chance"},
    "matching.check.rule.quality_parity": {"sv": "Lika bra par", "en": "Equally good pairs"},
    "matching.check.rule.workplace_mix": {"sv": "Blandning", "en": "Workplace mix"},
    "matching.check.rule.unknown": {"sv": "Okänd person", "en": "Unknown person"},
    "matching.check.rule.at_most_once": {"sv": "En mentor per adept", "en": "One mentor per adept"},
    "matching.check.rule.mentor_capacity": {"sv": "Mentorns kapacitet", "en": "Mentor capacity"},
    "matching.check.rule.group_minimum": {"sv": "Minsta grupp", "en": "Smallest group"},
    "matching.check.rule.workplace_capacity": {
        "sv": "Arbetsplatsens kapacitet",
        "en": "Workplace capacity",
    },
    "matching.diff.heading": {"sv": "Vad som ändrades", "en": "What changed"},
    "matching.diff.none": {
        "sv": "Inget ändrades: alla {kept} par är kvar.",
        "en": "Nothing changed: all {kept} pairs stayed.",
    },
    "matching.diff.summary": {
        "sv": "{added} nya par, {removed} borttagna, {changed} bytte mentor, {kept} oförändrade.",
        "en": "{added} new pairs, {removed} removed, {changed} changed mentor, {kept} unchanged.",
    },
    "matching.diff.added": {"sv": "Ny", "en": "New"},
    "matching.diff.removed": {"sv": "Borttagen", "en": "Removed"},
    "matching.diff.changed": {"sv": "Bytte mentor", "en": "Changed mentor"},
    "matching.diff.before": {"sv": "Mentor före", "en": "Mentor before"},
    "matching.diff.after": {"sv": "Mentor nu", "en": "Mentor now"},
    "matching.diff.what": {"sv": "Ändring", "en": "Change"},
    # Matching: the plan editor.
    "matching.plan.heading": {"sv": "Planen", "en": "The plan"},
    "matching.plan.help": {
        "sv": "Byt mentor, lås eller förbjud par och skriv anteckningar direkt i tabellen. "
        "Ändringarna gäller först när du trycker Spara; de kontrolleras mot reglerna först.",
        "en": "Change mentor, lock or forbid pairs and write notes right in the table. The "
        "changes take effect when you press Save; they are checked against the rules first.",
    },
    "matching.plan.adept": {"sv": "Adept", "en": "Adept"},
    "matching.plan.mentor": {"sv": "Mentor", "en": "Mentor"},
    "matching.plan.mentor_help": {
        "sv": "Välj en annan mentor, eller töm rutan för ingen mentor. En mentor du väljer "
        "själv låses till adepten. Se listan under tabellen för vilka som passar.",
        "en": "Choose another mentor, or clear the cell for no mentor. A mentor you choose "
        "yourself is locked to the adept. See the list below the table for who fits.",
    },
    "matching.plan.score": {"sv": "Poäng", "en": "Score"},
    "matching.plan.locked": {"sv": "Låst", "en": "Locked"},
    "matching.plan.locked_help": {
        "sv": "Ett låst par finns alltid med när du matchar om.",
        "en": "A locked pair is always kept when you match again.",
    },
    "matching.plan.forbidden": {"sv": "Förbjud", "en": "Forbid"},
    "matching.plan.forbidden_help": {
        "sv": "Paret tas bort nu och föreslås aldrig igen.",
        "en": "The pair is removed now and never proposed again.",
    },
    "matching.plan.note": {"sv": "Anteckning", "en": "Note"},
    "matching.plan.note_help": {
        "sv": "Kort anteckning som följer med i exporten. Skriv inga känsliga uppgifter "
        "(hälsa o.d.).",
        "en": "A short note that goes with the export. Write nothing sensitive (health etc.).",
    },
    "matching.edit.apply": {"sv": "Spara ändringar ({count})", "en": "Save changes ({count})"},
    "matching.edit.discard": {"sv": "Ångra ändringarna", "en": "Discard the changes"},
    "matching.edit.accepted": {
        "sv": "Sparat: {count} rader ändrade.",
        "en": "Saved: {count} rows changed.",
    },
    "matching.edit.refused": {
        "sv": "Ändringarna sparades inte, eftersom planen då skulle bryta mot reglerna:",
        "en": "The changes were not saved, because the plan would then break the rules:",
    },
    "matching.edit.lock_and_forbid": {
        "sv": "Adepten {adept}: ett par kan inte vara både låst och förbjudet.",
        "en": "Adept {adept}: a pair cannot be both locked and forbidden.",
    },
    # The plan's rows at 1,000+ adepts: filters, sort and pages (smile_core.plan_view).
    "plan.view.search": {"sv": "Sök adept eller mentor", "en": "Search adept or mentor"},
    "plan.view.workplaces": {"sv": "Arbetsplatser", "en": "Workplaces"},
    "plan.view.genders": {"sv": "Adeptens kön", "en": "Adept's gender"},
    "plan.view.scores": {"sv": "Poäng från–till", "en": "Score range"},
    "plan.view.unmatched": {"sv": "Bara adepter utan mentor", "en": "Only adepts without a mentor"},
    "plan.view.sort": {"sv": "Sortera efter", "en": "Sort by"},
    "plan.view.sort.plan": {"sv": "Planens ordning", "en": "Plan order"},
    "plan.view.sort.adept": {"sv": "Adept", "en": "Adept"},
    "plan.view.sort.workplace": {"sv": "Arbetsplats", "en": "Workplace"},
    "plan.view.sort.mentor": {"sv": "Mentor", "en": "Mentor"},
    "plan.view.sort.score_desc": {"sv": "Poäng, högst först", "en": "Score, highest first"},
    "plan.view.sort.score_asc": {"sv": "Poäng, lägst först", "en": "Score, lowest first"},
    "plan.view.page": {"sv": "Sida", "en": "Page"},
    "plan.view.shown": {
        "sv": "Rad {first}–{last} av {total} (sida {page} av {pages}).",
        "en": "Rows {first}–{last} of {total} (page {page} of {pages}).",
    },
    "plan.view.none": {"sv": "Inga rader passar filtren.", "en": "No rows match the filters."},
    "plan.view.pending": {
        "sv": "Spara eller ångra ändringarna innan du byter sida eller filter; annars glöms de.",
        "en": "Save or discard the changes before changing page or filters; otherwise they "
        "are forgotten.",
    },
    "matching.edit.row": {"sv": "Rad", "en": "Row"},
    "matching.change.heading": {
        "sv": "Byt mentor för en adept (bästa först)",
        "en": "Change an adept's mentor (best first)",
    },
    "matching.change.adept": {"sv": "Adept på den här sidan", "en": "Adept on this page"},
    "matching.change.mentor": {
        "sv": "Ny mentor: tillåtna först, högst poäng först",
        "en": "New mentor: allowed ones first, highest score first",
    },
    "matching.change.run": {"sv": "Byt mentor", "en": "Change mentor"},
    "matching.change.not_allowed": {"sv": "ej tillåten", "en": "not allowed"},
    "matching.change.full": {"sv": "full", "en": "full"},
    "matching.change.unscored": {"sv": "ingen poäng", "en": "no score"},
    "matching.candidates.heading": {
        "sv": "Vilka mentorer passar en adept?",
        "en": "Which mentors fit an adept?",
    },
    "matching.candidates.adept": {"sv": "Adept", "en": "Adept"},
    "matching.candidates.none": {
        "sv": "Ingen mentor är tillåten för den här adepten.",
        "en": "No mentor is allowed for this adept.",
    },
    "matching.candidates.load": {"sv": "Adepter/kapacitet", "en": "Adepts/capacity"},
    "matching.candidates.room": {"sv": "Plats", "en": "Room"},
    "matching.candidates.current": {"sv": "Nuvarande", "en": "Current"},
    "matching.unmatched.heading": {
        "sv": "Adepter utan mentor ({count})",
        "en": "Adepts without a mentor ({count})",
    },
    "matching.unmatched.none": {
        "sv": "Alla adepter har en mentor.",
        "en": "Every adept has a mentor.",
    },
    "matching.unmatched.reason": {"sv": "Varför", "en": "Why"},
    # Matching: re-solve.
    "matching.resolve.heading": {"sv": "Matcha om", "en": "Match again"},
    "matching.resolve.help": {
        "sv": "Låsta par ({locks}) finns alltid med och förbjudna par ({forbids}) aldrig.",
        "en": "Locked pairs ({locks}) are always in and forbidden pairs ({forbids}) never.",
    },
    "matching.resolve.minimal_change": {
        "sv": "Ändra så lite som möjligt i planen",
        "en": "Change the plan as little as possible",
    },
    "matching.resolve.minimal_change_help": {
        "sv": "Behåll nuvarande par när det inte kostar för mycket (se stabilitet).",
        "en": "Keep the current pairs unless that costs too much (see stability).",
    },
    "matching.resolve.stability": {"sv": "Stabilitet", "en": "Stability"},
    "matching.resolve.stability_help": {
        "sv": "Hur många poäng det är värt att behålla ett par. 0: bry dig inte om den gamla "
        "planen. 100: ett behållet par är värt lika mycket som ett perfekt nytt.",
        "en": "How many points keeping a pair is worth. 0: ignore the old plan. 100: a kept "
        "pair is worth as much as a perfect new one.",
    },
    "matching.resolve.run": {"sv": "Matcha om", "en": "Match again"},
    # Charts: axis and legend titles.
    "chart.count": {"sv": "Antal", "en": "Number"},
    "chart.group": {"sv": "Grupp", "en": "Group"},
    "chart.measure": {"sv": "Mått", "en": "Measure"},
    # Overview.
    "overview.demo_hint": {
        "sv": "Det här är påhittade demodata. Välj ett annat program i sidomenyn, eller ladda "
        "upp ditt eget under Deltagare.",
        "en": "These are made-up demo data. Choose another programme in the sidebar, or upload "
        "your own under Participants.",
    },
    "overview.figure.adepts": {"sv": "Adepter", "en": "Adepts"},
    "overview.figure.adepts_help": {
        "sv": "Alla adepter som söker en mentor.",
        "en": "Every adept looking for a mentor.",
    },
    "overview.figure.mentors": {"sv": "Mentorer", "en": "Mentors"},
    "overview.figure.mentors_help": {
        "sv": "Mentorer och handledare.",
        "en": "Mentors and workplace supervisors.",
    },
    "overview.figure.mentor_seats": {"sv": "Mentorsplatser", "en": "Mentor seats"},
    "overview.figure.mentor_seats_help": {
        "sv": "Så många adepter mentorerna kan ta tillsammans (deras kapacitet).",
        "en": "How many adepts the mentors can take together (their capacity).",
    },
    "overview.figure.workplaces": {"sv": "Arbetsplatser", "en": "Workplaces"},
    "overview.figure.workplaces_help": {
        "sv": "Arbetsgivare som tar emot adepter på praktik.",
        "en": "Employers hosting adepts on placements.",
    },
    "overview.figure.workplace_places": {"sv": "Praktikplatser", "en": "Workplace places"},
    "overview.figure.workplace_places_help": {
        "sv": "Så många adepter arbetsplatserna tar emot tillsammans.",
        "en": "How many adepts the workplaces take together.",
    },
    "overview.figure.usable_seats": {"sv": "Användbara platser", "en": "Usable seats"},
    "overview.figure.usable_seats_help": {
        "sv": "Mentorsplatser som arbetsplatserna också har plats för: fler adepter än så kan "
        "inte matchas.",
        "en": "Mentor seats the workplaces also have room for: no more adepts than this can be "
        "matched.",
    },
    "overview.by_gender": {"sv": "Deltagare efter kön", "en": "Participants by gender"},
    "overview.readiness.heading": {"sv": "Klart för matchning?", "en": "Ready for matching?"},
    "overview.readiness.ready": {
        "sv": "Ja: det finns plats och en tillåten mentor för varje adept.",
        "en": "Yes: there is room and an allowed mentor for every adept.",
    },
    "overview.readiness.gaps": {
        "sv": "Matchningen kan köras, men alla kommer inte att få en mentor:",
        "en": "Matching can run, but not everyone will get a mentor:",
    },
    "overview.readiness.by_field": {"sv": "Efter yrkesområde", "en": "By field"},
    "overview.readiness.by_region": {"sv": "Efter län", "en": "By region"},
    "overview.readiness.no_allowed_mentor": {
        "sv": "Utan tillåten mentor ({count})",
        "en": "Without an allowed mentor ({count})",
    },
    "overview.readiness.reason": {"sv": "Varför", "en": "Why"},
    "overview.readiness.everyone_allowed": {
        "sv": "Varje adept har minst en tillåten mentor.",
        "en": "Every adept has at least one allowed mentor.",
    },
    # Equality (the steering group's page).
    "equality.no_gender_data": {
        "sv": "Inga uppgifter om kön: programmet samlar inte in kön (eller ingen har angett "
        "det), så det finns inga jämställdhetsmått att visa och jämställdhetsreglerna "
        "blockerar ingenting.",
        "en": "No gender data: the programme does not collect gender (or nobody gave it), so "
        "there are no equality figures to show and the equality rules block nothing.",
    },
    "equality.all": {"sv": "Alla", "en": "Everyone"},
    "equality.applicants": {"sv": "Sökande", "en": "Applicants"},
    "equality.matched": {"sv": "Matchade", "en": "Matched"},
    "equality.not_matched": {"sv": "Ej matchade", "en": "Not matched"},
    "equality.match_rate": {"sv": "Andel matchade", "en": "Match rate"},
    "equality.mean_score": {"sv": "Medelpoäng", "en": "Mean score"},
    "equality.by_gender.heading": {
        "sv": "Sökande och matchade efter kön",
        "en": "Applicants and matched by gender",
    },
    "equality.targets.heading": {"sv": "Mot målen", "en": "Against the targets"},
    "equality.target.what": {"sv": "Mått", "en": "Measure"},
    "equality.target.match_rate": {
        "sv": "{gender}: procentenheter under sin andel av de sökande",
        "en": "{gender}: points below their share of the applicants",
    },
    "equality.target.quality": {
        "sv": "Skillnad i medelpoäng, kvinnor och män",
        "en": "Difference in mean score, women and men",
    },
    "equality.target.value": {"sv": "Utfall", "en": "Result"},
    "equality.target.target": {"sv": "Mål", "en": "Target"},
    "equality.target.at_most": {"sv": "högst {points}", "en": "at most {points}"},
    "equality.target.status": {"sv": "Läge", "en": "Status"},
    "equality.target.rule": {"sv": "Regeln", "en": "The rule"},
    "equality.rule_on": {"sv": "på", "en": "on"},
    "equality.rule_off": {"sv": "av", "en": "off"},
    "equality.status.green": {"sv": "Målet nås", "en": "Target met"},
    "equality.status.amber": {"sv": "Nära målet", "en": "Close to the target"},
    "equality.status.red": {"sv": "Målet nås inte", "en": "Target missed"},
    "equality.status.hidden": {"sv": "Dolt (för få personer)", "en": "Hidden (too few people)"},
    "equality.target.legend": {
        "sv": "Grönt: målet nås. Gult: högst 2 poäng från målet. Rött: längre ifrån. Kön med "
        "färre sökande än gruppgränsen jämförs inte.",
        "en": "Green: target met. Amber: at most 2 points off. Red: further off. Genders with "
        "fewer applicants than the group limit are not compared.",
    },
    "equality.workplaces.heading": {
        "sv": "Könsfördelning per arbetsplats",
        "en": "Gender mix per workplace",
    },
    "equality.workplaces.all_hidden": {
        "sv": "Alla siffror per arbetsplats är dolda: ingen arbetsplats har tillräckligt många "
        "adepter för att visas utan att enskilda kan pekas ut.",
        "en": "Every figure per workplace is hidden: no workplace has enough adepts to show "
        "without singling someone out.",
    },
    "equality.workplaces.too_many": {
        "sv": "Siffrorna per arbetsplats visas inte: programmet har fler än {most} arbetsplatser, "
        "för många för att pröva varje siffra mot att enskilda kan pekas ut.",
        "en": "The figures per workplace are not shown: the programme has more than {most} "
        "workplaces, too many to check each figure against singling someone out.",
    },
    "equality.workplaces.placed": {"sv": "Adepter", "en": "Adepts"},
    "equality.workplaces.women_share": {"sv": "Andel kvinnor", "en": "Share of women"},
    "equality.workplaces.table": {
        "sv": "Alla arbetsplatser ({hidden} av {total} dolda)",
        "en": "All workplaces ({hidden} of {total} hidden)",
    },
    "equality.price.heading": {"sv": "Vad kostar jämställdheten?", "en": "The price of equality"},
    "equality.price.help": {
        "sv": "SMILE matchar en gång per mål med målet som strikt regel, från regeln avstängd "
        "till strängast, och visar den sammanlagda poängen och antalet matchade. Romben är "
        "målet i inställningarna nu.",
        "en": "SMILE matches once per target with the target as a strict rule, from the rule "
        "switched off to the strictest, and shows the total score and the number matched. "
        "The diamond is the target in the settings now.",
    },
    "equality.price.rule": {"sv": "Regel", "en": "Rule"},
    "equality.price.rule.match_rate": {"sv": "Lika chans", "en": "Equal chance"},
    "equality.price.rule.quality": {"sv": "Lika bra par", "en": "Equally good pairs"},
    "equality.price.run": {"sv": "Beräkna kurvan", "en": "Compute the curve"},
    "equality.price.running": {
        "sv": "Matchar en gång per mål …",
        "en": "Matching once per target …",
    },
    "equality.price.stale": {
        "sv": "Kurvan beräknades med tidigare inställningar. Beräkna igen för att se dagens.",
        "en": "The curve was computed with earlier settings. Compute it again to see today's.",
    },
    "equality.price.off": {"sv": "av", "en": "off"},
    "equality.price.target": {"sv": "Mål (poäng)", "en": "Target (points)"},
    "equality.price.infeasible": {
        "sv": "Ingen plan för målen {targets}: de går inte att nå, eller ingen plan hittades "
        "inom tidsgränsen.",
        "en": "No plan for the targets {targets}: they cannot be met, or no plan was found "
        "within the time limit.",
    },
    "equality.price.unproven": {
        "sv": "Inte bevisade (trianglar, streck upp till den övre gränsen): sökningen stoppades "
        "innan planen bevisades bäst, inom {targets} från det bästa möjliga.",
        "en": "Not proven (triangles, dashed up to the upper bound): the search stopped before "
        "the plan was proven best, within {targets} of the best possible.",
    },
    "equality.price.legend": {
        "sv": "Hela programmets siffror: ingen uppgift om enskilda grupper.",
        "en": "Figures for the whole programme: nothing about single groups.",
    },
    # Outcomes.
    "outcomes.import.heading": {
        "sv": "Importera uppföljningar och utvärderingar",
        "en": "Import follow-ups and evaluations",
    },
    "outcomes.import.help": {
        "sv": "Uppföljningar: adept-ID, månader efter start (3, 6 eller 12), status och om "
        "mentorn bidrog. Utvärderingar: svarande, roll (adept/mentor), fråga och svar 1–5.",
        "en": "Follow-ups: adept ID, months after the start (3, 6 or 12), status and whether "
        "the mentor contributed. Evaluations: respondent, role (adept/mentor), item and "
        "answer 1–5.",
    },
    "outcomes.import.followups": {
        "sv": "Uppföljningar (CSV eller Excel)",
        "en": "Follow-ups (CSV or Excel)",
    },
    "outcomes.import.evaluations": {
        "sv": "Utvärderingssvar (CSV eller Excel)",
        "en": "Evaluation answers (CSV or Excel)",
    },
    "outcomes.import.run": {"sv": "Läs in", "en": "Load"},
    "outcomes.import.followups_loaded": {
        "sv": "Uppföljningarna är inlästa.",
        "en": "The follow-ups are loaded.",
    },
    "outcomes.import.followups_failed": {
        "sv": "Uppföljningarna kunde inte läsas in: {errors} fel att rätta (se listan).",
        "en": "The follow-ups could not be loaded: {errors} errors to fix (see the list).",
    },
    "outcomes.import.evaluations_loaded": {
        "sv": "Utvärderingssvaren är inlästa.",
        "en": "The evaluation answers are loaded.",
    },
    "outcomes.import.evaluations_failed": {
        "sv": "Utvärderingssvaren kunde inte läsas in: {errors} fel att rätta (se listan).",
        "en": "The evaluation answers could not be loaded: {errors} errors to fix (see the list).",
    },
    "outcomes.source.demo": {
        "sv": "demoprogrammets påhittade data",
        "en": "the demo's made-up data",
    },
    "outcomes.source.file": {"sv": "filen {name}", "en": "the file {name}"},
    "outcomes.source.followups": {
        "sv": "Uppföljningar: {source} ({rows} rader).",
        "en": "Follow-ups: {source} ({rows} rows).",
    },
    "outcomes.source.evaluations": {
        "sv": "Utvärderingssvar: {source} ({rows} rader).",
        "en": "Evaluation answers: {source} ({rows} rows).",
    },
    "outcomes.no_followups": {
        "sv": "Inga uppföljningar ännu. Importera en fil ovan.",
        "en": "No follow-ups yet. Import a file above.",
    },
    "outcomes.no_evaluations": {
        "sv": "Inga utvärderingssvar ännu. Importera en fil ovan.",
        "en": "No evaluation answers yet. Import a file above.",
    },
    "outcomes.months": {"sv": "Tid efter start", "en": "Time after the start"},
    "outcomes.months.3": {"sv": "3 månader", "en": "3 months"},
    "outcomes.months.6": {"sv": "6 månader", "en": "6 months"},
    "outcomes.months.12": {"sv": "12 månader", "en": "12 months"},
    "outcomes.in_work": {"sv": "I arbete", "en": "In work"},
    "outcomes.in_work_help": {
        "sv": "Andel av de uppföljda som har ett kvalificerat eller annat jobb.",
        "en": "Share of those followed up who have a qualified or other job.",
    },
    "outcomes.qualified": {"sv": "I kvalificerat jobb", "en": "In a qualified job"},
    "outcomes.qualified_help": {
        "sv": "Andel av de uppföljda med ett jobb som motsvarar deras utbildning eller yrke.",
        "en": "Share of those followed up with a job that matches their education or trade.",
    },
    "outcomes.contributed": {"sv": "Mentorn bidrog", "en": "The mentor contributed"},
    "outcomes.contributed_help": {
        "sv": "Bland dem i arbete: andelen som säger att mentorn bidrog till jobbet.",
        "en": "Among those in work: the share who say the mentor contributed to the job.",
    },
    "outcomes.followed_up": {"sv": "Uppföljda", "en": "Followed up"},
    "outcomes.share": {"sv": "Andel", "en": "Share"},
    "outcomes.status": {"sv": "Status", "en": "Status"},
    "outcomes.all_hidden": {
        "sv": "Alla grupper är för små för att visas.",
        "en": "Every group is too small to show.",
    },
    "outcomes.by_group.heading": {"sv": "Utfall per grupp", "en": "Outcomes by group"},
    "outcomes.by_group.by": {"sv": "Dela upp efter", "en": "Group by"},
    "outcomes.by.gender": {"sv": "Kön", "en": "Gender"},
    "outcomes.by.cohort": {"sv": "Kohort", "en": "Cohort"},
    "outcomes.by.field": {"sv": "Yrkesområde", "en": "Field"},
    "outcomes.by.workplace": {"sv": "Mentorns arbetsplats", "en": "The mentor's workplace"},
    "outcomes.needs_plan": {
        "sv": "Kör matchningen först: det här behöver planens par.",
        "en": "Run the matching first: this needs the plan's pairs.",
    },
    "outcomes.score.heading": {
        "sv": "Utfall mot matchningspoäng",
        "en": "Outcome against match score",
    },
    "outcomes.score.help": {
        "sv": "Andel i arbete bland matchade adepter, efter poängen på deras par.",
        "en": "Share in work among matched adepts, by the score of their pair.",
    },
    "outcomes.score.band": {"sv": "Parets poäng", "en": "The pair's score"},
    "outcomes.score.all_hidden": {
        "sv": "Alla poängband är för små för att visas.",
        "en": "Every score band is too small to show.",
    },
    "outcomes.survey.heading": {"sv": "Utvärdering", "en": "Evaluation"},
    "outcomes.survey.agree": {"sv": "Andel som instämmer (4–5)", "en": "Share agreeing (4–5)"},
    "outcomes.survey.role": {"sv": "Svarande", "en": "Respondents"},
    "outcomes.survey.item": {"sv": "Fråga", "en": "Item"},
    "outcomes.survey.mean": {"sv": "Medel (1–5)", "en": "Mean (1–5)"},
    "outcomes.survey.respondents": {"sv": "Antal svar", "en": "Answers"},
    "outcomes.survey.all_hidden": {
        "sv": "För få svar för att visa något.",
        "en": "Too few answers to show anything.",
    },
    "outcomes.role.adept": {"sv": "Adepter", "en": "Adepts"},
    "outcomes.role.mentor": {"sv": "Mentorer", "en": "Mentors"},
    # Export.
    "export.plan_summary": {
        "sv": "Planen har {pairs} par av {adepts} adepter ({edits} ändrade för hand).",
        "en": "The plan has {pairs} pairs of {adepts} adepts ({edits} changed by hand).",
    },
    "export.language": {"sv": "Språk i filerna", "en": "Language of the files"},
    "export.plan.heading": {"sv": "Planen", "en": "The plan"},
    "export.plan.help": {
        "sv": "Par och adepter utan mentor, med namn, poäng, lås och anteckningar. CSV-filen "
        "öppnas rätt i svenskt Excel (semikolon). Celler som kunde tolkas som formler görs "
        "ofarliga.",
        "en": "Pairs and adepts without a mentor, with names, scores, locks and notes. The CSV "
        "file opens correctly in Swedish Excel (semicolons). Cells that could be read as "
        "formulas are made harmless.",
    },
    "export.plan.xlsx": {"sv": "Hämta planen som Excel", "en": "Download the plan as Excel"},
    "export.plan.csv": {"sv": "Hämta paren som CSV", "en": "Download the pairs as CSV"},
    "export.report.heading": {"sv": "Rapport till styrgruppen", "en": "Steering group report"},
    "export.report.help": {
        "sv": "En sida att skriva ut eller spara som PDF: matchning, jämställdhet, utfall och "
        "utvärdering. Bara sammanställda siffror; grupper under 5 personer döljs.",
        "en": "One page to print or save as PDF: matching, equality, outcomes and evaluation. "
        "Aggregate figures only; groups under 5 people are hidden.",
    },
    "export.report.download": {"sv": "Hämta rapporten (HTML)", "en": "Download the report (HTML)"},
    "export.file.plan": {"sv": "plan", "en": "plan"},
    "export.file.report": {"sv": "rapport", "en": "report"},
    # The matching meeting's pack (smile_core.meeting_pack), printed as PDF.
    "meeting.title": {"sv": "Matchningsmöte", "en": "Matching meeting"},
    "meeting.status.optimal": {
        "sv": "Planen är bevisat den bästa möjliga.",
        "en": "The plan is proven the best possible.",
    },
    "meeting.status.feasible": {
        "sv": "Planen ligger inom {gap} från den bästa möjliga.",
        "en": "The plan is within {gap} of the best possible.",
    },
    "meeting.status.infeasible": {
        "sv": "Ingen plan finns: reglerna går inte att uppfylla samtidigt.",
        "en": "No plan exists: the rules cannot all hold.",
    },
    "meeting.status.time_limit": {
        "sv": "Ingen plan hittades inom tidsgränsen.",
        "en": "No plan was found within the time limit.",
    },
    "meeting.summary": {
        "sv": "{matched} av {adepts} adepter har en mentor i planen.",
        "en": "{matched} of {adepts} adepts have a mentor in the plan.",
    },
    "meeting.pairs.heading": {"sv": "Paren", "en": "The pairs"},
    "meeting.pairs.none": {"sv": "Planen har inga par.", "en": "The plan has no pairs."},
    "meeting.unmatched.heading": {"sv": "Adepter utan mentor", "en": "Adepts without a mentor"},
    "meeting.unmatched.none": {
        "sv": "Alla adepter har en mentor.",
        "en": "Every adept has a mentor.",
    },
    "meeting.adept": {"sv": "Adept", "en": "Adept"},
    "meeting.mentor": {"sv": "Mentor", "en": "Mentor"},
    "meeting.workplace": {"sv": "Arbetsplats", "en": "Workplace"},
    "meeting.wished_job": {"sv": "önskat yrke", "en": "wished job"},
    "meeting.job": {"sv": "yrke", "en": "job"},
    "meeting.no_workplace": {"sv": "ingen arbetsplats", "en": "no workplace"},
    "meeting.score": {"sv": "Poäng (0–100)", "en": "Score (0–100)"},
    "meeting.contact": {"sv": "Kontakt", "en": "Contact"},
    "meeting.locked": {
        "sv": "Låst par (beslutat i förväg).",
        "en": "Locked pair (decided before).",
    },
    "meeting.why": {"sv": "Varför just de två", "en": "Why these two"},
    "meeting.note": {"sv": "Anteckning", "en": "Note"},
    "meeting.page": {"sv": "Sida {page}", "en": "Page {page}"},
    "meeting.why.target_same": {
        "sv": "Mentorn arbetar med adeptens önskade yrke ({field})",
        "en": "The mentor works in the adept's wished job ({field})",
    },
    "meeting.why.target_related": {
        "sv": "Mentorn arbetar i ett yrke nära adeptens önskade ({field})",
        "en": "The mentor works in a job close to the adept's wished one ({field})",
    },
    "meeting.why.background_same": {
        "sv": "Samma yrke eller utbildning som adepten ({field})",
        "en": "The same job or education as the adept ({field})",
    },
    "meeting.why.background_related": {
        "sv": "Ett yrke nära adeptens bakgrund ({field})",
        "en": "A job close to the adept's background ({field})",
    },
    "meeting.why.language_shared": {
        "sv": "De delar språk: {languages}",
        "en": "They share a language: {languages}",
    },
    "meeting.why.language_swedish": {
        "sv": "De kan tala svenska med varandra",
        "en": "They can speak Swedish together",
    },
    "meeting.why.location_municipality": {
        "sv": "Samma kommun ({place})",
        "en": "The same municipality ({place})",
    },
    "meeting.why.location_region": {
        "sv": "Samma län ({place})",
        "en": "The same region ({place})",
    },
    "meeting.why.goals": {
        "sv": "Mentorn erbjuder {offered} av adeptens {wanted} mål: {goals}",
        "en": "The mentor offers {offered} of the adept's {wanted} goals: {goals}",
    },
    "meeting.why.goals_unknown": {
        "sv": "Adepten har inte angett några mål",
        "en": "The adept named no goals",
    },
    "meeting.why.availability": {
        "sv": "De kan träffas: {times}",
        "en": "They can meet: {times}",
    },
    "meeting.why.availability_unknown": {
        "sv": "Tider är inte angivna",
        "en": "No times given",
    },
    "meeting.why.gender_penalty": {
        "sv": "Mentorn har inte det kön adepten önskade (−{points} poäng)",
        "en": "The mentor is not of the gender the adept wished for (−{points} points)",
    },
    "meeting.equality.heading": {"sv": "Jämställdhet", "en": "Equality"},
    "meeting.equality.all": {"sv": "Alla", "en": "All"},
    "meeting.equality.gender": {"sv": "Kön", "en": "Gender"},
    "meeting.equality.applicants": {"sv": "Sökande", "en": "Applicants"},
    "meeting.equality.matched": {"sv": "Matchade", "en": "Matched"},
    "meeting.equality.match_rate": {"sv": "Andel matchade", "en": "Match rate"},
    "meeting.equality.mean_score": {"sv": "Medelpoäng", "en": "Mean score"},
    "meeting.equality.rule": {"sv": "Regel", "en": "Rule"},
    "meeting.equality.figure": {"sv": "Utfall", "en": "Figure"},
    "meeting.equality.target": {"sv": "Mål", "en": "Target"},
    "meeting.equality.verdict": {"sv": "Bedömning", "en": "Verdict"},
    "meeting.equality.shortfall": {
        "sv": "Underrepresentation, {group} (procentenheter)",
        "en": "Under-representation, {group} (points)",
    },
    "meeting.equality.quality_gap": {
        "sv": "Skillnad i medelpoäng, kvinnor och män",
        "en": "Gap in mean score, women and men",
    },
    "meeting.verdict.green": {"sv": "uppfyllt", "en": "met"},
    "meeting.verdict.amber": {"sv": "nära målet", "en": "close to the target"},
    "meeting.verdict.red": {"sv": "ej uppfyllt", "en": "not met"},
    "meeting.verdict.hidden": {"sv": "dolt", "en": "hidden"},
    "meeting.verdict.off": {"sv": "regeln avstängd", "en": "rule off"},
    "meeting.suppression": {
        "sv": "{mark} = dolt: färre än {k} personer, eller dolt för att en liten grupp annars "
        "kunde räknas fram ur summorna. Underlaget namnger deltagare: den är samordnarnas "
        "arbetsmaterial, inte styrgruppens.",
        "en": "{mark} = hidden: fewer than {k} people, or hidden because a small group could "
        "otherwise be worked out from the totals. The pack names participants: it is the "
        "coordinators' working paper, not the steering group's.",
    },
    "export.meeting.heading": {"sv": "Matchningsmötet", "en": "The matching meeting"},
    "export.meeting.help": {
        "sv": "En PDF att skriva ut: ett kort per par med arbetsplats och varför just de två, "
        "adepterna utan mentor med skälet, och jämställdheten (små grupper dolda).",
        "en": "A PDF to print: one card per pair with the workplace and why these two, the "
        "adepts without a mentor with the reason, and equality (small groups hidden).",
    },
    "export.meeting.download": {
        "sv": "Hämta mötesunderlaget (PDF)",
        "en": "Download the meeting pack (PDF)",
    },
    "export.file.meeting": {"sv": "matchningsmote", "en": "matching_meeting"},
    # Pairs.
    "pairs.distribution.heading": {"sv": "Poäng efter kön", "en": "Scores by gender"},
    "pairs.distribution.help": {
        "sv": "Klicka på ett kön i förklaringen eller dra över ett poängintervall: paren nedanför "
        "följer med. Klicka på ett par för att se vad dess poäng består av.",
        "en": "Click a gender in the legend or drag over a score range: the pairs below follow. "
        "Click a pair to see what its score is made of.",
    },
    "pairs.components.heading": {
        "sv": "Vad ett pars poäng består av",
        "en": "What a pair's score is made of",
    },
    "pairs.components.pair": {"sv": "Par", "en": "Pair"},
    "pairs.components.total": {
        "sv": "Parets poäng: {score} av 100.",
        "en": "The pair's score: {score} of 100.",
    },
    "pairs.components.points": {"sv": "Poäng", "en": "Points"},
    "pairs.components.part": {"sv": "Del", "en": "Part"},
    "pairs.components.value": {"sv": "Hur väl (0–1)", "en": "How well (0–1)"},
    "pairs.components.weight": {"sv": "Vikt", "en": "Weight"},
    "pairs.capacity.heading": {"sv": "Mentorer och arbetsplatser", "en": "Mentors and workplaces"},
    "pairs.capacity.help": {
        "sv": "Grå stapel: kapacitet. Färgad: adepter i planen (röd om fler än kapaciteten). "
        "Klicka på en arbetsplats för att se bara dess mentorer; klicka bredvid för alla.",
        "en": "Grey bar: capacity. Coloured: adepts in the plan (red when over capacity). "
        "Click a workplace to see only its mentors; click beside it for all.",
    },
    "pairs.table.heading": {"sv": "Paren", "en": "The pairs"},
    "pairs.workplaces.page": {"sv": "Arbetsplatser, sida", "en": "Workplaces, page"},
    "pairs.workplaces.shown": {
        "sv": "Diagrammen visar arbetsplats {first}–{last} av {total} (sorterade efter namn). "
        "Klicka på en arbetsplats för att se dess mentorer.",
        "en": "The charts show workplaces {first}–{last} of {total} (sorted by name). Click a "
        "workplace to see its mentors.",
    },
    "pairs.capacity.adepts": {"sv": "Adepter", "en": "Adepts"},
    "pairs.capacity.workplaces": {"sv": "Arbetsplatser", "en": "Workplaces"},
    "pairs.capacity.mentors": {"sv": "Mentorer", "en": "Mentors"},
    "pairs.heatmap.heading": {"sv": "Poäng för en grupp", "en": "Scores for a group"},
    "pairs.heatmap.help": {
        "sv": "Välj yrken för adepter och mentorer. Rutorna visar parets poäng; grått är inte "
        "tillåtet; vit ram är par i planen. Högst {most} av varje.",
        "en": "Choose fields for adepts and mentors. Each cell is the pair's score; grey is not "
        "allowed; a white frame is a pair in the plan. At most {most} of each.",
    },
    "pairs.heatmap.adept_fields": {"sv": "Adepternas yrke", "en": "Adepts' field"},
    "pairs.heatmap.mentor_fields": {"sv": "Mentorernas yrke", "en": "Mentors' field"},
    "pairs.heatmap.cut": {
        "sv": "Gruppen är stor: bara de första {most} visas. Välj yrken för att smalna av.",
        "en": "The group is large: only the first {most} are shown. Choose fields to narrow it.",
    },
    "pairs.heatmap.empty": {"sv": "Ingen i den gruppen.", "en": "Nobody in that group."},
    "pairs.heatmap.allowed": {"sv": "Tillåtet", "en": "Allowed"},
    "pairs.what_if.heading": {"sv": "Tänk om …", "en": "What if …"},
    "pairs.what_if.help": {
        "sv": "Vad kostar det om en adept får en viss mentor? SMILE matchar om med paret låst "
        "och visar skillnaden mot planen nu. Planen ändras inte.",
        "en": "What does it cost if an adept gets a certain mentor? SMILE matches again with the "
        "pair locked and shows the difference from the plan now. The plan does not change.",
    },
    "pairs.what_if.no_mentor": {
        "sv": "Ingen annan tillåten mentor",
        "en": "No other allowed mentor",
    },
    "pairs.what_if.run": {"sv": "Vad kostar det?", "en": "What does it cost?"},
    "pairs.what_if.asked": {
        "sv": "**Om {adept} fick {mentor}:**",
        "en": "**If {adept} had {mentor}:**",
    },
    "pairs.what_if.impossible": {
        "sv": "Det går inte med reglerna som de är:",
        "en": "That is not possible under the rules as they are:",
    },
    "pairs.what_if.score_change": {"sv": "Total poäng", "en": "Total score"},
    "pairs.what_if.moved": {"sv": "Adepter som flyttas", "en": "Adepts who move"},
    "pairs.what_if.none": {"sv": "ingen", "en": "none"},
    # Small-cell suppression, wherever a figure is hidden.
    "suppression.mark": {"sv": "–", "en": "–"},
    "suppression.hidden": {"sv": "dolt", "en": "hidden"},
    "suppression.partly_hidden": {"sv": "delvis dolt", "en": "partly hidden"},
    "suppression.note": {
        "sv": "– = dolt: färre än {k} personer, eller dolt för att en liten grupp annars kunde "
        "räknas fram ur summorna.",
        "en": "– = hidden: fewer than {k} people, or hidden because a small group could "
        "otherwise be worked out from the totals.",
    },
    # Errors.
    "error.generic": {
        "sv": "Något gick fel och sidan kunde inte visas helt. Försök igen eller ladda om "
        "sidan. Dina uppgifter har inte skickats någonstans.",
        "en": "Something went wrong and the page could not be shown in full. Try again or "
        "reload the page. Your data has not been sent anywhere.",
    },
    # Program / Programmes page.
    "page.programmes.title": {"sv": "Program", "en": "Programmes"},
    "page.programmes.purpose": {
        "sv": "Programmen och kohorterna i databasen: deltagarversioner, alla körningar, två "
        "körningar sida vid sida, den överenskomna planen och vad som händer när någon slutar.",
        "en": "The programmes and cohorts in the database: participant versions, every run, two "
        "runs side by side, the agreed plan, and what happens when someone leaves.",
    },
    "programmes.active": {
        "sv": "Programmet i den här sessionen: {programme}",
        "en": "The programme in this session: {programme}",
    },
    "programmes.new.heading": {"sv": "Nytt program", "en": "New programme"},
    "programmes.new.name": {"sv": "Programmets namn", "en": "Programme name"},
    "programmes.new.kind": {"sv": "Typ", "en": "Kind"},
    "programmes.kind.vocational": {"sv": "Yrkesutbildning", "en": "Vocational"},
    "programmes.kind.academic": {"sv": "Akademiker", "en": "Academic"},
    "programmes.kind.group": {"sv": "Gruppmentorskap", "en": "Group mentoring"},
    "programmes.new.length": {"sv": "Längd", "en": "Length"},
    "programmes.new.unit": {"sv": "Enhet", "en": "Unit"},
    "programmes.unit.weeks": {"sv": "veckor", "en": "weeks"},
    "programmes.unit.months": {"sv": "månader", "en": "months"},
    "programmes.new.rhythm": {
        "sv": "Rytm (t.ex. varje vecka 2 dagar teori, 2 dagar praktik, 1 dag yrkesskola)",
        "en": "Rhythm (e.g. each week 2 days theory, 2 days practice, 1 day trade school)",
    },
    "programmes.new.cohort": {"sv": "Kohortens namn", "en": "Cohort name"},
    "programmes.new.create": {"sv": "Skapa", "en": "Create"},
    "programmes.new.created": {"sv": "Sparat.", "en": "Saved."},
    "programmes.new_cohort": {"sv": "Ny kohort", "en": "New cohort"},
    "programmes.none": {
        "sv": "Inga program sparade än. Skapa ett ovan, eller kör en matchning: demoprogrammet "
        "sparas då automatiskt.",
        "en": "No programmes stored yet. Create one above, or run a match: the demo programme "
        "is then stored automatically.",
    },
    "programmes.no_cohorts": {
        "sv": "Programmet har inga kohorter än.",
        "en": "The programme has no cohorts yet.",
    },
    "programmes.closed": {"sv": " (avslutat)", "en": " (closed)"},
    "programmes.pick.heading": {"sv": "Program och kohort", "en": "Programme and cohort"},
    "programmes.pick.programme": {"sv": "Program", "en": "Programme"},
    "programmes.pick.cohort": {"sv": "Kohort", "en": "Cohort"},
    # Cohort intakes (smile_core.intakes, smile_ui.intakes_view).
    "programmes.intakes.heading": {"sv": "Intag", "en": "Intakes"},
    "programmes.intakes.starts_on": {"sv": "Startdatum", "en": "Start date"},
    "programmes.intakes.starts_on_help": {
        "sv": "Tomt: läses ur namnet när det går (HT 2026 = 1 september, VT 2027 = 1 februari).",
        "en": "Blank: read from the name when it can be (HT 2026 = 1 September, VT 2027 = "
        "1 February).",
    },
    "programmes.intakes.versions": {"sv": "Uppladdningar", "en": "Uploads"},
    "programmes.intakes.no_cohort": {"sv": "utan kohort", "en": "no cohort"},
    "programmes.intakes.split_help": {
        "sv": "Uppladdningen har {count} kohorter i kolumnen Kohort: {names}. Varje kohort kan "
        "sparas för sig, med sina adepter och alla mentorer.",
        "en": "The upload has {count} cohorts in its Kohort column: {names}. Each can be "
        "stored on its own, with its adepts and every mentor.",
    },
    "programmes.intakes.split": {
        "sv": "Spara en kohort per intag",
        "en": "Store one cohort per intake",
    },
    "programmes.intakes.split_done": {
        "sv": "{count} kohorter sparade. Öppna en av dem ovan för att matcha den.",
        "en": "{count} cohorts stored. Open one of them above to match it.",
    },
    "programmes.pick.use": {"sv": "Spara arbetet här", "en": "Save the work here"},
    "programmes.pick.open": {"sv": "Öppna från databasen", "en": "Open from the database"},
    "programmes.not_linked": {
        "sv": "Sessionens program är inte kopplat till någon kohort än. Välj en ovan, eller kör "
        "en matchning.",
        "en": "The session's programme is not linked to a cohort yet. Choose one above, or run "
        "a match.",
    },
    "programmes.linked": {
        "sv": "Arbetet sparas i programmet {programme}, kohort {cohort}.",
        "en": "The work is saved in programme {programme}, cohort {cohort}.",
    },
    "programmes.versions.heading": {"sv": "Deltagarversioner", "en": "Participant versions"},
    "programmes.versions.save": {
        "sv": "Spara nuvarande deltagare som ny version",
        "en": "Save the current participants as a new version",
    },
    "programmes.versions.saved": {
        "sv": "Sparat som version {number}.",
        "en": "Saved as version {number}.",
    },
    "programmes.versions.unchanged": {
        "sv": "Inget har ändrats sedan förra versionen.",
        "en": "Nothing changed since the previous version.",
    },
    "programmes.versions.number": {"sv": "Version", "en": "Version"},
    "programmes.when": {"sv": "När", "en": "When"},
    "programmes.who": {"sv": "Vem", "en": "Who"},
    "programmes.adepts": {"sv": "Adepter", "en": "Adepts"},
    "programmes.mentors": {"sv": "Mentorer", "en": "Mentors"},
    "programmes.workplaces": {"sv": "Arbetsplatser", "en": "Workplaces"},
    "programmes.diff.added": {"sv": "Tillkomna", "en": "Added"},
    "programmes.diff.removed": {"sv": "Borttagna", "en": "Removed"},
    "programmes.diff.changed": {"sv": "Ändrade", "en": "Changed"},
    "programmes.history.heading": {"sv": "Körningar", "en": "Run history"},
    "programmes.history.none": {"sv": "Inga körningar sparade än.", "en": "No runs stored yet."},
    "programmes.history.status": {"sv": "Resultat", "en": "Status"},
    "programmes.history.matched": {"sv": "Matchade", "en": "Matched"},
    "programmes.history.total": {"sv": "Totalpoäng", "en": "Total score"},
    "programmes.history.seconds": {"sv": "Sekunder", "en": "Seconds"},
    "programmes.history.parent": {"sv": "Utgick från", "en": "Based on"},
    "programmes.history.agreed": {"sv": "Överenskommen", "en": "Agreed"},
    "programmes.history.open": {"sv": "Visa", "en": "Show"},
    "programmes.history.opened": {
        "sv": "Körning {run} visas nu på Matchning.",
        "en": "Run {run} is now shown on Matching.",
    },
    "programmes.status.optimal": {"sv": "Bästa möjliga", "en": "Optimal"},
    "programmes.status.feasible": {"sv": "Godtagbar", "en": "Feasible"},
    "programmes.status.infeasible": {"sv": "Omöjlig", "en": "Infeasible"},
    "programmes.status.time_limit": {"sv": "Tiden tog slut", "en": "Out of time"},
    "programmes.run": {"sv": "Körning", "en": "Run"},
    "programmes.run_n": {"sv": "Körning {run}", "en": "Run {run}"},
    "programmes.compare.heading": {
        "sv": "Två körningar sida vid sida",
        "en": "Two runs side by side",
    },
    "programmes.compare.need_two": {
        "sv": "Här jämförs två körningar när det finns minst två.",
        "en": "Two runs are compared here once there are at least two.",
    },
    "programmes.compare.left": {"sv": "Från", "en": "From"},
    "programmes.compare.right": {"sv": "Till", "en": "To"},
    "programmes.compare.matched": {"sv": "Matchade", "en": "Matched"},
    "programmes.compare.unmatched": {"sv": "Utan mentor", "en": "Unmatched"},
    "programmes.compare.total_score": {"sv": "Totalpoäng", "en": "Total score"},
    "programmes.compare.mean_score": {"sv": "Medelpoäng per par", "en": "Mean score per pair"},
    "programmes.compare.solve_seconds": {"sv": "Sekunder", "en": "Seconds"},
    "programmes.compare.summary": {
        "sv": "{kept} par kvar, {added} nya, {removed} borttagna, {changed} bytte mentor.",
        "en": "{kept} pairs kept, {added} new, {removed} removed, {changed} changed mentor.",
    },
    "programmes.compare.before": {"sv": "Mentor före", "en": "Mentor before"},
    "programmes.compare.after": {"sv": "Mentor efter", "en": "Mentor after"},
    "programmes.agreed.heading": {"sv": "Överenskommen plan", "en": "Agreed plan"},
    "programmes.agreed.current": {
        "sv": "Körning {run} är den överenskomna planen.",
        "en": "Run {run} is the agreed plan.",
    },
    "programmes.agreed.none": {
        "sv": "Ingen plan är markerad som överenskommen.",
        "en": "No plan is marked as agreed.",
    },
    "programmes.agreed.pick": {"sv": "Körning att komma överens om", "en": "Run to agree on"},
    "programmes.agreed.mark": {"sv": "Markera som överenskommen", "en": "Mark as agreed"},
    "programmes.leave.heading": {"sv": "Någon slutar", "en": "Someone leaves"},
    "programmes.leave.help": {
        "sv": "Markera adepten som slutad. Sedan matchas bara de berörda om: den överenskomna "
        "planen behålls så långt reglerna tillåter, och resultatet sparas som en ny körning.",
        "en": "Mark the adept as having left. Then only the people affected are re-matched: the "
        "agreed plan is kept as far as the rules allow, and the result is saved as a new run.",
    },
    "programmes.leave.needs_agreed": {
        "sv": "Markera först en plan som överenskommen.",
        "en": "Mark a plan as agreed first.",
    },
    "programmes.leave.adept": {"sv": "Adept som slutar", "en": "Adept who leaves"},
    "programmes.leave.date": {"sv": "Sista dag", "en": "Last day"},
    "programmes.leave.run": {"sv": "Markera och matcha om", "en": "Mark and re-match"},
    "programmes.leave.done": {
        "sv": "{adept} är markerad som slutad; ny plan sparad som körning {run}.",
        "en": "{adept} is marked as having left; the new plan is saved as run {run}.",
    },
    "programmes.leave.no_plan": {
        "sv": "Ingen ny plan hittades (sparad som körning {run}).",
        "en": "No new plan was found (saved as run {run}).",
    },
    "programmes.promote.heading": {"sv": "Alumn blir mentor", "en": "Alumnus becomes mentor"},
    "programmes.promote.needs_cohort": {
        "sv": "Skapa först nästa kohort i programmet.",
        "en": "Create the programme's next cohort first.",
    },
    "programmes.promote.adept": {"sv": "Adept", "en": "Adept"},
    "programmes.promote.cohort": {"sv": "Mentor i kohort", "en": "Mentor in cohort"},
    "programmes.promote.mentor_id": {
        "sv": "Id i nästa kohorts mentorsfil (tomt = samma id)",
        "en": "Id in the next cohort's mentor file (blank = the same id)",
    },
    "programmes.promote.run": {"sv": "Gör till mentor", "en": "Make mentor"},
    "programmes.promote.done": {
        "sv": "{adept} är mentor i {cohort}, med sin historik kvar.",
        "en": "{adept} is a mentor in {cohort}, keeping their history.",
    },
    "programmes.groups.heading": {"sv": "Gruppmentorskap", "en": "Group mentoring"},
    "programmes.groups.none": {
        "sv": "Planen på skärmen har inga gruppmentorer (minsta grupp 2 eller fler).",
        "en": "The plan on screen has no group mentors (a smallest group of 2 or more).",
    },
    "programmes.groups.mentor": {"sv": "Gruppmentor", "en": "Group mentor"},
    "programmes.groups.size": {"sv": "Gruppstorlek", "en": "Group size"},
    "programmes.groups.count": {"sv": "Antal", "en": "Count"},
    "programmes.groups.save": {"sv": "Spara grupperna", "en": "Save the groups"},
    "programmes.groups.saved": {"sv": "{count} grupper sparade.", "en": "{count} groups saved."},
    "programmes.groups.stored": {"sv": "Sparade grupper: {count}", "en": "Stored groups: {count}"},
    # Dataskydd / Privacy page.
    "page.privacy.title": {"sv": "Dataskydd", "en": "Privacy"},
    "page.privacy.purpose": {
        "sv": "Radera en person, lämna ut allt som finns sparat om en person, och gallra "
        "avslutade program.",
        "en": "Erase a person, hand out everything stored about a person, and purge closed "
        "programmes.",
    },
    "privacy.what_is_stored": {
        "sv": "SMILE sparar det samordnaren laddar upp (namn, kön, födelseland, språk, yrke, ort), "
        "matchningarna och varje ändring (vem, när, varför), samt uppföljningar och "
        "utvärderingar. Det behövs för att matcha, följa upp och visa att programmet är "
        "jämställt. Födelseland kan avslöja etniskt ursprung och är då känsliga "
        "personuppgifter (se IMY): ladda bara upp det som behövs. Inga personuppgifter skrivs "
        "till loggar; allt finns i databasen och i de filer du själv exporterar.",
        "en": "SMILE stores what the coordinator uploads (name, gender, country of birth, "
        "languages, field, town), the matchings and every change (who, when, why), and "
        "follow-ups and evaluations. They are needed to match, follow up and show that the "
        "programme is fair. Country of birth can reveal ethnic origin and is then sensitive "
        "personal data (see IMY, the Swedish data protection authority): upload only what is "
        "needed. No personal data is written to logs; everything is in the database and in "
        "the files you export yourself.",
    },
    "privacy.nothing_stored": {"sv": "Inget är sparat än.", "en": "Nothing is stored yet."},
    "privacy.role": {"sv": "Roll", "en": "Role"},
    "privacy.role.adept": {"sv": "Adept", "en": "Adept"},
    "privacy.role.mentor": {"sv": "Mentor", "en": "Mentor"},
    "privacy.erase.heading": {"sv": "Radera en person", "en": "Erase a person"},
    "privacy.erase.help": {
        "sv": "Tar bort personen överallt: uppgifter, par, uppföljningar och svar. Loggen "
        "behåller bara att en radering skett, inte vem.",
        "en": "Removes the person everywhere: details, pairs, follow-ups and answers. The log "
        "keeps only that an erasure happened, not whom.",
    },
    "privacy.erase.confirm": {
        "sv": "Jag förstår att raderingen inte går att ångra",
        "en": "I understand the erasure cannot be undone",
    },
    "privacy.erase.run": {"sv": "Radera", "en": "Erase"},
    "privacy.erase.done": {
        "sv": "Raderad: {pairs} par, {followups} uppföljningar, {evaluations} svar och {edits} "
        "ändringar gick med.",
        "en": "Erased: {pairs} pairs, {followups} follow-ups, {evaluations} answers and {edits} "
        "edits went with them.",
    },
    "privacy.export.heading": {"sv": "Registerutdrag", "en": "Access request"},
    "privacy.export.help": {
        "sv": "Allt som finns sparat om en person, som en JSON-fil. Utdraget noteras i loggen.",
        "en": "Everything stored about one person, as a JSON file. The export is noted in the log.",
    },
    "privacy.export.prepare": {"sv": "Ta fram utdrag", "en": "Prepare the export"},
    "privacy.export.download": {
        "sv": "Ladda ner utdraget (JSON)",
        "en": "Download the export (JSON)",
    },
    "privacy.retention.heading": {"sv": "Gallring", "en": "Retention"},
    "privacy.retention.help": {
        "sv": "Program som avslutades för mer än så många månader sedan kan raderas med allt "
        "innehåll. Du ser vad som skulle försvinna innan något försvinner.",
        "en": "Programmes closed more than this many months ago can be deleted with everything "
        "in them. You see what would go before anything goes.",
    },
    "privacy.retention.months": {
        "sv": "Spara i månader efter avslut",
        "en": "Keep for months after closing",
    },
    "privacy.retention.nothing": {
        "sv": "Inget program avslutades för mer än {months} månader sedan.",
        "en": "No programme was closed more than {months} months ago.",
    },
    "privacy.retention.programme": {"sv": "Program", "en": "Programme"},
    "privacy.retention.closed": {"sv": "Avslutat", "en": "Closed"},
    "privacy.retention.cohorts": {"sv": "Kohorter", "en": "Cohorts"},
    "privacy.retention.people": {"sv": "Personer", "en": "People"},
    "privacy.retention.runs": {"sv": "Körningar", "en": "Runs"},
    "privacy.retention.confirm": {
        "sv": "Radera dessa {count} program med allt innehåll",
        "en": "Delete these {count} programmes with everything in them",
    },
    "privacy.retention.run": {"sv": "Gallra", "en": "Purge"},
    "privacy.retention.done": {"sv": "Raderat: {names}", "en": "Deleted: {names}"},
    "outcomes.stored.heading": {
        "sv": "Sparat och kohorter jämförda",
        "en": "Stored, and cohorts compared",
    },
    "outcomes.stored.done": {
        "sv": "Sparat i kohorten: {followups} uppföljningar och {evaluations} svar.",
        "en": "Stored in the cohort: {followups} follow-ups and {evaluations} answers.",
    },
    "outcomes.stored.demo_help": {
        "sv": "Demoprogrammets egna uppföljningar visas men sparas inte förrän du ber om det.",
        "en": "The demo programme's own follow-ups are shown but not stored until you ask.",
    },
    "outcomes.stored.demo_save": {
        "sv": "Spara demots uppföljningar",
        "en": "Store the demo's follow-ups",
    },
    "outcomes.stored.not_linked": {
        "sv": "Programmet är inte sparat i någon kohort än (se sidan Program).",
        "en": "The programme is not stored in a cohort yet (see the Programmes page).",
    },
    "outcomes.stored.none": {
        "sv": "Inga uppföljningar sparade i {programme} än.",
        "en": "No follow-ups stored in {programme} yet.",
    },
    "outcomes.stored.summary": {
        "sv": "{programme}: {rows} sparade uppföljningar från {cohorts} kohorter.",
        "en": "{programme}: {rows} stored follow-ups from {cohorts} cohorts.",
    },
    # The table reader's problems (smile_core.table_reader): one wording for participants,
    # follow-ups and evaluations. {file}/{row}/{column} are not here: smile_core.messages
    # puts the place first. Values arrive already quoted.
    "reader.unknown_column": {
        "sv": "SMILE känner inte igen kolumnen och läser den inte.",
        "en": "SMILE does not recognise this column and does not read it.",
    },
    "reader.unknown_column_hint": {
        "sv": "SMILE känner inte igen kolumnen och läser den inte. Menade du {suggestion}?",
        "en": "SMILE does not recognise this column and does not read it. "
        "Did you mean {suggestion}?",
    },
    "reader.doubled_column": {
        "sv": "Kolumnen betyder samma sak som {first}; SMILE läser bara {first}.",
        "en": "This column means the same as {first}; SMILE reads only {first}.",
    },
    "reader.missing_column": {
        "sv": "Kolumnen {quoted_header} saknas; den behövs för {rows}. Lägg till en kolumn "
        "med rubriken {header} (eller {name}).",
        "en": "The column {quoted_header} is missing; {rows} need it. Add a column headed "
        "{header} (or {name}).",
    },
    "reader.stand_in_column": {
        "sv": "Det finns ingen kolumn {missing}; den här kolumnen används som {missing}.",
        "en": "There is no {missing} column; this column is used as the {missing}.",
    },
    "reader.no_rows": {
        "sv": "Tabellen har rubriker men inga rader med {rows}.",
        "en": "The table has headers but no rows of {rows}.",
    },
    "reader.formula_risk": {
        "sv": "Värdet börjar med = + - eller @ och kan tolkas som en formel i ett "
        "kalkylprogram. Kontrollera att det är rätt; SMILE gör det ofarligt vid export.",
        "en": "The value starts with = + - or @ and could run as a formula in a spreadsheet. "
        "Check that it is right; SMILE makes it harmless on export.",
    },
    # What the participant tables' cells and columns say (smile_core.participant_fields).
    "reader.id_missing": {
        "sv": "ID saknas. Varje rad behöver ett eget ID, t.ex. A01.",
        "en": "The ID is missing. Every row needs an ID of its own, e.g. A01.",
    },
    "reader.repeated_id": {
        "sv": "ID {value} finns redan på rad {first}. Varje rad med {rows} behöver ett eget ID; "
        "ändra det på en av raderna (rad {first} eller {row}) eller ta bort dubbletten.",
        "en": "ID {value} is already used in row {first}. Every row of {rows} needs an ID of "
        "its own; change it in one of the rows ({first} or {row}) or remove the duplicate.",
    },
    "reader.participants.gender_unknown": {
        "sv": "{value} är inget känt kön. Skriv {words}.",
        "en": "{value} is not a known gender. Write {words}.",
    },
    "reader.participants.gender_undisclosed": {
        "sv": "Kön är inte angivet (vill ej ange); personen räknas varken som kvinna eller man "
        "i jämställdhetsmåtten.",
        "en": "Gender is not given (prefer not to say); the person counts as neither woman "
        "nor man in the equality measures.",
    },
    "reader.participants.field_missing": {
        "sv": "Yrke/utbildning saknas. Skriv yrket eller utbildningen, t.ex. ekonom eller "
        "svetsare.",
        "en": "Profession/education is missing. Write the profession or education, e.g. "
        "economist or welder.",
    },
    "reader.participants.swedish_level_unknown": {
        "sv": "{value} är ingen känd svenskanivå. Skriv {words}, eller lämna tomt.",
        "en": "{value} is not a known Swedish level. Write {words}, or leave it blank.",
    },
    "reader.participants.preference_unknown": {
        "sv": "{value} är inget känt önskemål om mentorns kön. Skriv {words}.",
        "en": "{value} is not a known wish for the mentor's gender. Write {words}.",
    },
    "reader.participants.goal_unknown": {
        "sv": "{value} är inget av SMILE:s mål ({known}). Ordet behålls men matchar bara exakt "
        "samma ord.",
        "en": "{value} is not one of SMILE's goals ({known}). The word is kept but only "
        "matches the very same word.",
    },
    "reader.participants.language_unknown": {
        "sv": "Språket {value} känns inte igen. Det behålls som det är skrivet och matchar bara "
        "samma stavning; kontrollera stavningen.",
        "en": "The language {value} is not recognised. It is kept as written and only matches "
        "the same spelling; check the spelling.",
    },
    "reader.participants.mentor_type_unknown": {
        "sv": "Mentorstypen {value} känns inte igen (kända: {known}); den behålls som den är "
        "skriven.",
        "en": "The mentor type {value} is not recognised (known: {known}); it is kept as "
        "written.",
    },
    "reader.participants.not_whole_number": {
        "sv": "{value} är inget heltal. Skriv ett heltal, t.ex. 2.",
        "en": "{value} is not a whole number. Write a whole number, e.g. 2.",
    },
    "reader.participants.mentor_capacity_below_one": {
        "sv": "Kapaciteten måste vara minst 1 (så många adepter kan mentorn ta). Kan mentorn "
        "inte ta någon adept nu, ta bort raden.",
        "en": "The capacity must be at least 1 (the number of adepts the mentor can take). If "
        "the mentor cannot take an adept now, remove the row.",
    },
    "reader.participants.min_group_size_negative": {
        "sv": "Minsta gruppstorlek kan inte vara negativ. Skriv 0 eller lämna tomt för "
        "1:1-mentorskap.",
        "en": "The minimum group size cannot be negative. Write 0 or leave it blank for 1:1 "
        "mentoring.",
    },
    "reader.participants.workplace_capacity_blank": {
        "sv": "Kapacitet saknas; arbetsplatsen begränsas bara av sina mentorers kapacitet. "
        "Skriv antalet praktikplatser om det finns en gräns.",
        "en": "The capacity is missing; the workplace is limited only by its mentors' "
        "capacities. Write the number of placements if there is a limit.",
    },
    "reader.participants.workplace_capacity_negative": {
        "sv": "Kapaciteten kan inte vara negativ. Skriv antalet praktikplatser: 0 eller fler.",
        "en": "The capacity cannot be negative. Write the number of placements: 0 or more.",
    },
    "reader.participants.no_gender_column": {
        "sv": "Det finns ingen kolumn Kön: inga uppgifter om kön för {rows}. Alla räknas som "
        '"vill ej ange"; jämställdhetsreglerna har inget att gälla och blockerar ingenting.',
        "en": "There is no Kön (gender) column: no gender data for {rows}. Everyone counts as "
        '"prefer not to say"; the equality rules have nothing to act on and block nothing.',
    },
    "reader.participants.no_language_column": {
        "sv": "Det finns ingen kolumn Språk eller Svenskanivå, så regeln om gemensamt språk är "
        "avstängd och språk ger inga poäng. Lägg till kolumnen om språket ska räknas.",
        "en": "There is no Språk (languages) or Svenskanivå (Swedish level) column, so the "
        "shared-language rule is off and language scores nothing. Add the column if language "
        "should count.",
    },
    "reader.participants.no_workplace_capacity_column": {
        "sv": "Kolumnen Kapacitet saknas; arbetsplatserna begränsas bara av sina mentorers "
        "kapacitet. Lägg till kolumnen om antalet praktikplatser är begränsat.",
        "en": "There is no Kapacitet (capacity) column; workplaces are limited only by their "
        "mentors' capacities. Add the column if the number of placements is limited.",
    },
    # What follow-up and evaluation files' cells say (smile_core.outcomes_reading).
    "reader.outcomes.months_missing": {
        "sv": "Antal månader saknas. Skriv 3, 6 eller 12.",
        "en": "The number of months is missing. Write 3, 6 or 12.",
    },
    "reader.outcomes.months_unknown": {
        "sv": "{value} är ingen uppföljningstidpunkt. Skriv 3, 6 eller 12 (månader efter "
        "starten).",
        "en": "{value} is not a follow-up point. Write 3, 6 or 12 (months after the start).",
    },
    "reader.outcomes.status_missing": {
        "sv": "Status saknas. Skriv {words}.",
        "en": "The status is missing. Write {words}.",
    },
    "reader.outcomes.status_unknown": {
        "sv": "{value} är ingen känd status. Skriv {words}.",
        "en": "{value} is not a known status. Write {words}.",
    },
    "reader.outcomes.contributed_unknown": {
        "sv": "{value} är inget ja eller nej. Skriv ja eller nej, eller lämna tomt om adepten "
        "inte svarat.",
        "en": "{value} is not a yes or a no. Write yes or no, or leave it blank if the adept "
        "did not answer.",
    },
    "reader.outcomes.role_unknown": {
        "sv": "{value} är ingen känd roll. Skriv adept eller mentor.",
        "en": "{value} is not a known role. Write adept or mentor.",
    },
    "reader.outcomes.role_blank": {"sv": "Tom roll", "en": "A blank role"},
    "reader.outcomes.item_missing": {
        "sv": "Frågan saknas. Skriv vilken fråga svaret gäller.",
        "en": "The item is missing. Write which question the answer is to.",
    },
    "reader.outcomes.answer_missing": {
        "sv": "Svar saknas; raden räknas inte.",
        "en": "The answer is missing; the row is not counted.",
    },
    "reader.outcomes.answer_unknown": {
        "sv": "{value} är inget svar på skalan. Skriv en siffra från 1 till 5.",
        "en": "{value} is not an answer on the scale. Write a number from 1 to 5.",
    },
    "reader.outcomes.repeated_followup": {
        "sv": "Adepten {adept} har redan en uppföljning efter {months} månader på rad {first}. "
        "Ta bort en av raderna ({first} eller {row}).",
        "en": "The adept {adept} already has a {months}-month follow-up in row {first}. Remove "
        "one of the rows ({first} or {row}).",
    },
    "reader.outcomes.repeated_answer": {
        "sv": "{respondent} har redan svarat på {item} på rad {first}. Ta bort en av raderna "
        "({first} eller {row}).",
        "en": "{respondent} already answered {item} in row {first}. Remove one of the rows "
        "({first} or {row}).",
    },
    "reader.outcomes.unknown_adept": {
        "sv": "Adepten {adept} finns inte bland programmets adepter. Kontrollera ID:t, eller "
        "välj programmet uppföljningarna hör till.",
        "en": "The adept {adept} is not among the programme's adepts. Check the ID, or choose "
        "the programme the follow-ups belong to.",
    },
    "reader.outcomes.unknown_respondent": {
        "sv": "{respondent} finns inte bland programmets {who}. Kontrollera ID:t och rollen.",
        "en": "{respondent} is not among the programme's {who}. Check the ID and the role.",
    },
    # The rules of the matching model, one key per registered rule
    # (smile_core.solver.rules.registry).
    "rules.assignment": {
        "sv": "Högst en mentor per adept; adepter som måste matchas matchas",
        "en": "At most one mentor per adept; adepts who must be matched are matched",
    },
    "rules.capacity": {
        "sv": "Mentorernas och arbetsplatsernas kapacitet",
        "en": "The mentors' and workplaces' capacities",
    },
    "rules.group_size": {
        "sv": "Gruppmentorers minsta gruppstorlek",
        "en": "Group mentors' minimum group size",
    },
    "rules.locks": {"sv": "Låsta och förbjudna par", "en": "Locked and forbidden pairs"},
    "rules.match_rate": {
        "sv": "Lika chans till mentor (matchningsandel)",
        "en": "Equal chance of a mentor (match rate)",
    },
    "rules.quality_parity": {
        "sv": "Lika bra par (medelpoäng)",
        "en": "Equally good pairs (mean score)",
    },
    "rules.workplace_mix": {
        "sv": "Andel kvinnor på arbetsplatserna",
        "en": "Share of women at the workplaces",
    },
    "rules.score": {"sv": "Planens totalpoäng", "en": "The plan's total score"},
    "rules.spread_load": {"sv": "Sprid mentorernas last", "en": "Spread the mentors' load"},
    # Settings that cannot be solved together (smile_core.settings.unsolvable_combinations).
    "matching.settings.unsolvable": {
        "sv": "”{first}” och ”{second}” går inte att kombinera: {why} Ändra en av dem och "
        "matcha igen.",
        "en": "“{first}” and “{second}” cannot be combined: {why} Change one of them and match "
        "again.",
    },
    "matching.settings.unsolvable.maximin_strict": {
        "sv": "den strikta regeln håller en högsta skillnad, och det läget har ingen skillnad "
        "att hålla.",
        "en": "the strict rule keeps a largest difference, and that mode has no difference to "
        "keep.",
    },
}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **fmt: object) -> str:
    """The text for ``key`` in ``lang``, with ``fmt`` filled into its ``{placeholders}``.

    Raises ``KeyError`` for a key not in the catalogue and ``ValueError`` for a language not
    in :data:`LANGUAGES`, so a typo fails in tests instead of showing a blank. A placeholder
    without a value in ``fmt`` raises ``KeyError`` too; write a literal brace as ``{{``.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGUAGES}")
    try:
        text = _CATALOGUE[key][lang]
    except KeyError:
        raise KeyError(f"no UI text for key {key!r}") from None
    return text.format(**fmt)


def all_keys() -> tuple[str, ...]:
    """Every key in the catalogue, sorted."""
    return tuple(sorted(_CATALOGUE))


def texts(key: str) -> Mapping[str, str]:
    """The texts for ``key`` by language, exactly as catalogued (placeholders unfilled)."""
    return dict(_CATALOGUE[key])


def placeholders(text: str) -> frozenset[str]:
    """The names of the ``{placeholders}`` in ``text`` (``{{`` and ``}}`` are literal braces)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
