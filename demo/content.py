"""The demo publisher's texts, written for Imprint (German, like the publisher).

Kept apart from the loader so editors of the demo can change words without touching
code. Everything here is invented: the publisher, the authors and their advice.
"""

PUBLISHER = {
    "name": "Kompass Karriereverlag",
    "tagline": "Wissen für den nächsten Schritt im Beruf",
    "description": (
        "<p>Der Kompass Karriereverlag veröffentlicht seit 2009 Ratgeber rund um "
        "Bewerbung, Führung und Arbeitsrecht. Unsere Autorinnen und Autoren kommen aus "
        "der Praxis: Personalerinnen, Coaches, Anwälte und Führungskräfte.</p>"
    ),
    "press_references": (
        "<ul><li>Empfohlen im Bücherregal der Karrierebeilage des Rheinboten</li>"
        "<li>Ausgezeichnet mit dem (erfundenen) Preis für verständliche Ratgeber 2024</li></ul>"
    ),
    "legal_name": "Kompass Karriereverlag GmbH",
    "street_address": "Lindenallee 12",
    "postcode": "50667",
    "city": "Köln",
    "email": "redaktion@kompass-verlag.example",
    "phone": "+49 221 0000000",
    "vat_id": "DE000000000",
    "register_entry": "Amtsgericht Köln, HRB 00000 (Demo)",
    "managing_director": "Henrike Vossberg",
    # A made-up account in the format of a German IBAN: the demo's prepayment shows
    # where a transfer would go.
    "bank_name": "Demo-Sparkasse Köln",
    "iban": "DE00 3705 0198 0000 0000 00",
    "bic": "DEMODEXXXXX",
}

AUTHORS = [
    {
        "slug": "mara-lindqvist",
        "name": "Mara Lindqvist",
        "role": "Karrierecoach, Hamburg",
        "bio": (
            "<p>Mara Lindqvist begleitet seit fünfzehn Jahren Menschen, die beruflich "
            "neu anfangen. Vorher leitete sie das Recruiting eines Logistikunternehmens "
            "und hat dort mehr als dreitausend Bewerbungen gelesen. Sie schreibt über "
            "Bewerbung, Probezeit und die Kunst, freundlich Nein zu sagen.</p>"
        ),
        "website": "https://lindqvist-coaching.example",
        "portfolio": "https://lindqvist-coaching.example/referenzen",
        "blog": "https://lindqvist-coaching.example/blog",
        "social": [("LinkedIn", "https://www.linkedin.com/in/mara-lindqvist-demo")],
        "colour": (38, 84, 124),
    },
    {
        "slug": "jonas-albrecht",
        "name": "Jonas Albrecht",
        "role": "Fachanwalt für Arbeitsrecht, Leipzig",
        "bio": (
            "<p>Jonas Albrecht berät Beschäftigte und kleine Betriebe in allen Fragen "
            "rund um den Arbeitsvertrag. Er glaubt, dass die meisten Konflikte im Job "
            "lösbar sind, wenn beide Seiten ihre Rechte kennen, und erklärt deshalb "
            "Paragraphen so, dass man sie beim ersten Lesen versteht.</p>"
        ),
        "website": "https://albrecht-arbeitsrecht.example",
        "portfolio": "",
        "blog": "",
        "social": [("Mastodon", "https://social.example/@jonasalbrecht")],
        "colour": (120, 52, 30),
    },
    {
        "slug": "selin-aydin",
        "name": "Dr. Selin Aydın",
        "role": "Organisationspsychologin, Frankfurt am Main",
        "bio": (
            "<p>Selin Aydın forscht und berät zu Führung in Teams, die sich selten "
            "sehen. In ihren Texten verbindet sie Studienergebnisse mit dem, was sie in "
            "Workshops erlebt: Führung ist weniger Charisma als Handwerk, und Handwerk "
            "kann man lernen.</p>"
        ),
        "website": "https://aydin-organisation.example",
        "portfolio": "https://aydin-organisation.example/projekte",
        "blog": "",
        "social": [],
        "colour": (46, 110, 72),
    },
    {
        "slug": "tobias-reinhardt",
        "name": "Tobias Reinhardt",
        "role": "Personalleiter im Mittelstand, Stuttgart",
        "bio": (
            "<p>Tobias Reinhardt verantwortet das Personalwesen eines Maschinenbauers "
            "mit 400 Beschäftigten. Er schreibt aus der Sicht derer, die Gehälter "
            "festlegen und Zeugnisse formulieren, und verrät, worauf es auf der anderen "
            "Seite des Schreibtisches wirklich ankommt.</p>"
        ),
        "website": "",
        "portfolio": "",
        "blog": "https://personalseite.example",
        "social": [("LinkedIn", "https://www.linkedin.com/in/tobias-reinhardt-demo")],
        "colour": (92, 60, 130),
    },
]

CATEGORIES = [
    ("bewerbung", "Bewerbung", "Von der Stellenanzeige bis zur Zusage."),
    ("fuehrung", "Führung", "Teams leiten, Feedback geben, Entscheidungen treffen."),
    ("gehalt", "Gehalt", "Verhandeln, vergleichen, verstehen."),
    (
        "arbeitsrecht",
        "Arbeitsrecht",
        "Verträge, Kündigung, Zeugnis: Ihre Rechte im Job.",
    ),
]

SERIES = [
    {
        "slug": "die-ersten-100-tage",
        "title": "Die ersten 100 Tage",
        "lead": (
            "Fünf Teile über den Start in einer neuen Stelle: vom ersten Arbeitstag bis "
            "zum Ende der Probezeit."
        ),
        "description": (
            "<p>Wer neu anfängt, wird in kurzer Zeit viel beurteilt und beurteilt "
            "selbst viel. Diese Serie zeigt, wie Sie die ersten Wochen planen, ohne "
            "verbissen zu wirken.</p>"
        ),
    },
    {
        "slug": "gehalt-verhandeln",
        "title": "Gehalt verhandeln",
        "lead": "Drei Teile darüber, wie Sie Ihr Gehalt vorbereiten, verhandeln und nachverhandeln.",
        # Sold as one PDF once its parts are out (published after them, below).
        "pdf_price": "12.90",
        "description": (
            "<p>Gehaltsgespräche scheitern selten an der Zahl, sondern an der "
            "Vorbereitung. Hier lernen Sie, Ihren Wert zu begründen.</p>"
        ),
    },
]

# Each article: sections are (heading, paragraph); an optional tip box; `series` names
# the series it is a part of (in list order); `scheduled` parts go live in the future.
ARTICLES = [
    {
        "slug": "der-erste-arbeitstag",
        "title": "Der erste Arbeitstag: Was wirklich zählt",
        "lead": (
            "Am ersten Tag entscheidet sich wenig, aber man merkt sich viel. Wer ihn "
            "ruhig plant, hat den Kopf frei für das, was man nicht planen kann: die "
            "Menschen."
        ),
        "authors": ["mara-lindqvist"],
        "categories": ["bewerbung"],
        "tags": ["Onboarding", "Probezeit"],
        "series": "die-ersten-100-tage",
        "sections": [
            (
                "Vorher klären, was sich klären lässt",
                "Fragen Sie eine Woche vorher nach Uhrzeit, Ansprechperson und ob Sie "
                "etwas mitbringen sollen. Das wirkt nicht unsicher, sondern umsichtig. "
                "Wer diese Dinge weiß, kommt entspannter an.",
            ),
            (
                "Zuhören schlägt Vorstellen",
                "Sie werden sich oft vorstellen. Halten Sie es kurz und stellen Sie "
                "lieber eine Frage zurück: Woran arbeiten Sie gerade? So lernen Sie in "
                "einer Stunde mehr über das Team als aus jedem Organigramm.",
            ),
            (
                "Notizen für später",
                "Schreiben Sie abends drei Dinge auf: wen Sie getroffen haben, was Sie "
                "überrascht hat und was Sie morgen fragen wollen. Nach einer Woche haben "
                "Sie Ihr eigenes Handbuch.",
            ),
        ],
        "tip": "Speichern Sie Namen gleich mit einer Eigenheit: „Frau Okafor, Einkauf, fährt Rennrad“.",
        "days_ago": 40,
    },
    {
        "slug": "die-erste-woche-strukturieren",
        "title": "Die erste Woche strukturieren",
        "lead": (
            "Nach dem ersten Tag kommt der Alltag schneller als gedacht. Eine einfache "
            "Wochenstruktur hilft, nicht nur auf Anfragen zu reagieren."
        ),
        "authors": ["mara-lindqvist", "selin-aydin"],
        "categories": ["bewerbung", "fuehrung"],
        "tags": ["Onboarding", "Selbstorganisation"],
        "series": "die-ersten-100-tage",
        "sections": [
            (
                "Drei Ziele, nicht dreißig",
                "Vereinbaren Sie mit Ihrer Führungskraft drei Dinge, die am Freitag "
                "erledigt oder verstanden sein sollen. Alles andere ist Bonus.",
            ),
            (
                "Feste Zeiten zum Lernen",
                "Blocken Sie täglich eine Stunde für Unterlagen, Systeme und Prozesse. "
                "Diese Zeit gehört Ihnen, auch wenn das Postfach schon voll ist.",
            ),
        ],
        "tip": "Fragen Sie am Freitag aktiv nach Feedback, bevor es jemand anders tut.",
        "days_ago": 33,
    },
    {
        "slug": "feedback-in-der-probezeit",
        "title": "Feedback in der Probezeit einholen",
        "lead": (
            "Die Probezeit ist kein Test, den man still besteht. Wer früh Rückmeldung "
            "sucht, kann noch korrigieren, solange es leicht ist."
        ),
        "authors": ["selin-aydin"],
        "categories": ["fuehrung"],
        "tags": ["Probezeit", "Feedback"],
        "series": "die-ersten-100-tage",
        "sections": [
            (
                "Konkret fragen",
                "„Wie mache ich mich?“ bringt höfliche Floskeln. „Was sollte ich beim "
                "nächsten Kundentermin anders machen?“ bringt Antworten, mit denen Sie "
                "arbeiten können.",
            ),
            (
                "Rückmeldung festhalten",
                "Notieren Sie, was Sie gehört haben, und was Sie daraufhin ändern. Im "
                "Gespräch zum Ende der Probezeit können Sie darauf verweisen.",
            ),
        ],
        "tip": None,
        "days_ago": 26,
    },
    {
        "slug": "probezeitgespraech-vorbereiten",
        "title": "Das Probezeitgespräch vorbereiten",
        "lead": (
            "Gegen Ende der Probezeit steht oft ein Gespräch an. Es ist die beste "
            "Gelegenheit, Erwartungen für das erste volle Jahr festzulegen."
        ),
        "authors": ["tobias-reinhardt"],
        "categories": ["bewerbung", "arbeitsrecht"],
        "tags": ["Probezeit"],
        "series": "die-ersten-100-tage",
        "sections": [
            (
                "Eigene Bilanz ziehen",
                "Listen Sie auf, was Sie übernommen, gelernt und verbessert haben. Zahlen "
                "helfen, Beispiele helfen mehr.",
            ),
            (
                "Ziele für das erste Jahr",
                "Schlagen Sie selbst zwei oder drei Ziele vor. Wer Ziele mitbringt, "
                "bekommt seltener fremde übergestülpt.",
            ),
        ],
        "tip": "Bitten Sie um einen Termin, statt auf die Einladung zu warten.",
        "days_ago": 19,
    },
    {
        "slug": "nach-den-100-tagen",
        "title": "Nach den 100 Tagen: Bleiben, wachsen, weiterziehen",
        "lead": "Der letzte Teil der Serie blickt nach vorn: Was kommt nach der Einarbeitung?",
        "authors": ["mara-lindqvist"],
        "categories": ["bewerbung"],
        "tags": ["Onboarding", "Karriereplanung"],
        "series": "die-ersten-100-tage",
        "scheduled": True,
        "sections": [
            (
                "Die eigene Rolle schärfen",
                "Nach drei Monaten wissen Sie, wo Sie gebraucht werden. Sprechen Sie aus, "
                "welche Aufgaben Sie ausbauen möchten.",
            ),
        ],
        "tip": None,
        "days_ago": -10,
    },
    {
        "slug": "marktwert-ermitteln",
        "title": "Den eigenen Marktwert ermitteln",
        "lead": (
            "Wer verhandeln will, braucht eine Zahl, die sich begründen lässt. Drei "
            "Quellen helfen, sie zu finden."
        ),
        "authors": ["tobias-reinhardt"],
        "categories": ["gehalt"],
        "tags": ["Gehalt", "Verhandlung"],
        "series": "gehalt-verhandeln",
        "sections": [
            (
                "Tarif und Vergleichsdaten",
                "Prüfen Sie, ob Ihre Branche einen Tarifvertrag hat, und vergleichen Sie "
                "Erhebungen von Verbänden. Einzelne Portale sind ein Anhaltspunkt, keine "
                "Wahrheit.",
            ),
            (
                "Gespräche im Netzwerk",
                "Fragen Sie nicht „Was verdienst du?“, sondern „In welcher Spanne würdest "
                "du jemanden mit meinem Profil sehen?“. Das beantworten mehr Menschen.",
            ),
        ],
        "tip": "Nennen Sie im Gespräch eine Zahl, keine Spanne: die untere Grenze wird sonst zur Antwort.",
        "days_ago": 30,
    },
    {
        "slug": "das-gehaltsgespraech-fuehren",
        "title": "Das Gehaltsgespräch führen",
        "lead": (
            "Gut vorbereitet ist halb verhandelt. Die andere Hälfte ist Gesprächsführung: "
            "Wann Sie die Zahl nennen und wie Sie auf ein Nein reagieren."
        ),
        "authors": ["tobias-reinhardt", "mara-lindqvist"],
        "categories": ["gehalt"],
        "tags": ["Gehalt", "Verhandlung"],
        "series": "gehalt-verhandeln",
        "sections": [
            (
                "Mit Leistung beginnen",
                "Eröffnen Sie mit dem, was Sie erreicht haben, und leiten Sie daraus Ihre "
                "Forderung ab. Die Zahl wirkt dann wie eine Folgerung, nicht wie ein Wunsch.",
            ),
            (
                "Ein Nein ist ein Zwischenstand",
                "Fragen Sie, was sich ändern müsste, damit die Antwort in sechs Monaten "
                "Ja lautet, und halten Sie das schriftlich fest.",
            ),
        ],
        "tip": None,
        "days_ago": 23,
    },
    {
        "slug": "nachverhandeln-ohne-streit",
        "title": "Nachverhandeln ohne Streit",
        "lead": "Nicht jedes Gespräch endet mit der Wunschzahl. So kommen Sie später darauf zurück.",
        "authors": ["jonas-albrecht"],
        "categories": ["gehalt", "arbeitsrecht"],
        "tags": ["Gehalt"],
        "series": "gehalt-verhandeln",
        "sections": [
            (
                "Zusagen festhalten",
                "Mündliche Zusagen sind schwer zu beweisen. Fassen Sie das Ergebnis in "
                "einer kurzen, freundlichen E-Mail zusammen.",
            ),
            (
                "Andere Bausteine",
                "Wenn das Budget fehlt, verhandeln Sie über Weiterbildung, mobile Arbeit "
                "oder zusätzliche Urlaubstage.",
            ),
        ],
        "tip": None,
        "days_ago": 16,
    },
    {
        "slug": "arbeitszeugnis-lesen",
        "title": "Das Arbeitszeugnis richtig lesen",
        "lead": (
            "Zeugnisse müssen wohlwollend sein, und trotzdem steckt in manchen "
            "Formulierungen Kritik. Ein Überblick über die Sprache der Zeugnisse."
        ),
        "authors": ["jonas-albrecht"],
        "categories": ["arbeitsrecht"],
        "tags": ["Zeugnis"],
        "series": None,
        "sections": [
            (
                "Was Ihnen zusteht",
                "Sie haben Anspruch auf ein qualifiziertes Zeugnis, das Leistung und "
                "Verhalten beurteilt. Es muss wahr sein und darf Ihr Fortkommen nicht "
                "unnötig erschweren.",
            ),
            (
                "Auffällige Lücken",
                "Oft sagt das Fehlende mehr als das Geschriebene. Fehlt bei einer "
                "Führungskraft das Verhalten gegenüber Mitarbeitenden, lohnt eine "
                "Nachfrage.",
            ),
        ],
        "tip": "Bitten Sie um Korrektur innerhalb weniger Wochen; später wird es schwerer.",
        "days_ago": 12,
    },
    {
        "slug": "kuendigungsfristen-verstehen",
        "title": "Kündigungsfristen verstehen",
        "lead": (
            "Wann endet das Arbeitsverhältnis, wenn Sie heute kündigen? Die Antwort "
            "hängt von Vertrag, Gesetz und Betriebszugehörigkeit ab."
        ),
        "authors": ["jonas-albrecht"],
        "categories": ["arbeitsrecht"],
        "tags": ["Kündigung"],
        "series": None,
        "sections": [
            (
                "Die gesetzliche Grundfrist",
                "Ohne abweichende Regel gilt eine Frist von vier Wochen zum Fünfzehnten "
                "oder zum Monatsende. Für Arbeitgeber verlängert sie sich mit der Dauer "
                "der Beschäftigung.",
            ),
            (
                "Vertrag und Tarif prüfen",
                "Arbeitsvertrag und Tarifvertrag können andere Fristen vorsehen. Lesen "
                "Sie beide, bevor Sie ein Datum nennen.",
            ),
        ],
        "tip": "Eine Kündigung muss schriftlich auf Papier erfolgen; eine E-Mail genügt nicht.",
        "days_ago": 9,
    },
    {
        "slug": "fuehren-auf-distanz",
        "title": "Führen auf Distanz",
        "lead": (
            "Wenn das Team verteilt arbeitet, ersetzt kein Werkzeug das Vertrauen. "
            "Aber gute Routinen machen es leichter, Vertrauen aufzubauen."
        ),
        "authors": ["selin-aydin"],
        "categories": ["fuehrung"],
        "tags": ["Remote", "Team"],
        "series": None,
        "sections": [
            (
                "Sichtbarkeit ohne Kontrolle",
                "Vereinbaren Sie, was wann sichtbar sein soll, statt Online-Zeiten zu "
                "zählen. Ergebnisse lassen sich teilen, Anwesenheit nur messen.",
            ),
            (
                "Einzelgespräche schützen",
                "Das wöchentliche Einzelgespräch ist der erste Termin, der ausfällt, und "
                "der letzte, der ausfallen sollte.",
            ),
        ],
        "tip": None,
        "days_ago": 7,
    },
    {
        "slug": "gutes-feedback-geben",
        "title": "Gutes Feedback geben",
        "lead": "Feedback hilft nur, wenn es ankommt. Drei Regeln, die fast immer tragen.",
        "authors": ["selin-aydin", "tobias-reinhardt"],
        "categories": ["fuehrung"],
        "tags": ["Feedback", "Team"],
        "series": None,
        "sections": [
            (
                "Beobachtung vor Bewertung",
                "Beschreiben Sie, was Sie gesehen haben, bevor Sie es einordnen. Das "
                "nimmt dem Gespräch die Schärfe.",
            ),
            (
                "Zeitnah und unter vier Augen",
                "Kritik verliert mit jeder Woche an Nutzen und gewinnt vor Publikum an "
                "Schaden.",
            ),
        ],
        "tip": "Fragen Sie am Ende: Was nimmst du mit? Dann wissen Sie, was angekommen ist.",
        "days_ago": 5,
    },
    {
        "slug": "anschreiben-das-gelesen-wird",
        "title": "Ein Anschreiben, das gelesen wird",
        "lead": (
            "Viele Anschreiben beginnen mit demselben Satz. Dabei entscheiden gerade "
            "die ersten Zeilen, ob weitergelesen wird."
        ),
        "authors": ["mara-lindqvist"],
        "categories": ["bewerbung"],
        "tags": ["Anschreiben"],
        "series": None,
        "sections": [
            (
                "Mit dem Anlass beginnen",
                "Schreiben Sie zuerst, warum gerade diese Stelle Sie reizt, und zwar "
                "konkret. Die Formel „hiermit bewerbe ich mich“ können Sie streichen.",
            ),
            (
                "Belege statt Adjektive",
                "„Teamfähig“ sagt jeder. Ein Satz über ein Projekt, das Sie gemeinsam "
                "mit anderen gerettet haben, sagt mehr.",
            ),
        ],
        "tip": None,
        "days_ago": 3,
    },
    {
        "slug": "vorstellungsgespraech-per-video",
        "title": "Das Vorstellungsgespräch per Video",
        "lead": "Technik, Licht und Blickkontakt: Was im Videogespräch anders ist als am Tisch.",
        "authors": ["tobias-reinhardt"],
        "categories": ["bewerbung"],
        "tags": ["Vorstellungsgespräch", "Remote"],
        "series": None,
        "sections": [
            (
                "Technik am Vortag prüfen",
                "Testen Sie Kamera, Mikrofon und Verbindung am Vortag mit derselben "
                "Software. Am Termin selbst bleibt dafür keine Zeit.",
            ),
            (
                "In die Kamera sprechen",
                "Wer auf den Bildschirm schaut, wirkt abwesend. Kleben Sie einen Punkt "
                "neben die Kamera als Erinnerung.",
            ),
        ],
        "tip": "Halten Sie ein Glas Wasser und Ihren Lebenslauf bereit, nicht aber das Telefon.",
        "days_ago": 1,
    },
]

LEGAL_PAGES = [
    {
        "slug": "impressum",
        "title": "Impressum",
        "role": "imprint",
        "intro": "Angaben gemäß den gesetzlichen Informationspflichten.",
        "text": (
            "<p>Kompass Karriereverlag GmbH (Demo), Lindenallee 12, 50667 Köln. "
            "Vertreten durch die Geschäftsführerin Henrike Vossberg. Registergericht: "
            "Amtsgericht Köln (Demo-Eintrag). Diese Angaben gehören zu einer "
            "Demonstration und bezeichnen kein echtes Unternehmen.</p>"
            "<p><b>Verantwortlich für den Inhalt.</b> Redaktionell verantwortlich nach § 18 Abs. 2 MStV: Jonas Albrecht, "
            "Chefredakteur, Anschrift wie oben.</p>"
            "<p><b>Verbraucherstreitbeilegung.</b> Wir nehmen nicht an Streitbeilegungsverfahren vor einer "
            "Verbraucherschlichtungsstelle teil und sind dazu auch nicht verpflichtet "
            "(§ 36 VSBG). Schreiben Sie uns bei Problemen einfach direkt; wir suchen "
            "gern eine Lösung mit Ihnen.</p>"
        ),
    },
    {
        "slug": "datenschutz",
        "title": "Datenschutzerklärung",
        "role": "privacy",
        "intro": "Wie wir mit Ihren Daten umgehen.",
        "text": (
            "<p>Wir verarbeiten personenbezogene Daten nur, soweit es für den Betrieb "
            "dieser Website, die Abwicklung Ihrer Bestellungen und den Versand von "
            "Newslettern nötig ist, die Sie ausdrücklich bestellt haben. Ihre "
            "Einwilligungen speichern wir mit Zeitpunkt und Wortlaut, damit Sie und wir "
            "sie jederzeit nachweisen können. Sie können jede Einwilligung jederzeit "
            "widerrufen.</p>"
        ),
    },
    {
        "slug": "debattenregeln",
        "title": "Debattenregeln",
        "role": "debate_rules",
        "intro": "Damit Diskussionen unter unseren Artikeln für alle ein Gewinn sind.",
        "text": (
            "<p>Wir freuen uns über Widerspruch, solange er sachlich bleibt. Beleidigungen, "
            "Werbung und persönliche Daten Dritter veröffentlichen wir nicht. Jeder "
            "Kommentar wird vor der Freischaltung gelesen; Ihre E-Mail-Adresse wird "
            "nie angezeigt.</p>"
        ),
    },
    {
        "slug": "barrierefreiheit",
        "title": "Erklärung zur Barrierefreiheit",
        "role": "accessibility",
        "intro": "Wie gut Sie unsere Website und unsere Produkte nutzen können.",
        "text": (
            "<p>Wir möchten, dass alle Menschen unsere Artikel lesen und in unserem "
            "Shop einkaufen können, auch mit Screenreader, Tastatur oder starker "
            "Vergrößerung. Diese Erklärung beschreibt den Stand nach dem "
            "Barrierefreiheitsstärkungsgesetz.</p>"
            "<p><b>Was gut funktioniert.</b> Alle Seiten lassen sich ohne Maus und "
            "ohne JavaScript bedienen, Formulare nennen ihre Fehler im Klartext, "
            "Bilder haben Alternativtexte. Die PDFs, die Sie bei uns kaufen, sind "
            "getaggte PDF/UA-Dokumente mit Lesezeichen; unsere E-Books beschreiben "
            "in ihren Metadaten, wie barrierefrei sie sind.</p>"
            "<p><b>Was noch nicht gut funktioniert.</b> Ältere Bilder im Archiv "
            "haben teils nur knappe Beschreibungen; wir ergänzen sie nach und "
            "nach.</p>"
            "<p><b>Barriere melden.</b> Schreiben Sie uns an die Adresse im "
            "Impressum; wir antworten innerhalb von zwei Wochen. Zuständig für die "
            "Marktüberwachung ist die Marktüberwachungsstelle der Länder für die "
            "Barrierefreiheit von Produkten und Dienstleistungen (MLBF). Diese "
            "Erklärung gehört zu einer Demonstration.</p>"
        ),
    },
]

SHOP_LEGAL_PAGES = [
    {
        "slug": "agb",
        "title": "Allgemeine Geschäftsbedingungen",
        "role": "terms",
        "intro": "Die Bedingungen für Bestellungen in unserem Shop.",
        "text": (
            "<p>Der Vertrag kommt zustande, wenn Sie auf „Zahlungspflichtig bestellen“ "
            "klicken; Sie erhalten danach eine Bestätigung per E-Mail. Alle Preise sind "
            "Endpreise und enthalten die Umsatzsteuer. Gedruckte Bücher liefern wir "
            "innerhalb Deutschlands und in die Staaten der EU, Downloads stehen nach "
            "Zahlungseingang in Ihrem Kundenkonto und im Link der Bestätigung bereit. "
            "Sie bezahlen über Stripe oder per Vorkasse. Diese Bedingungen gehören zu "
            "einer Demonstration und gelten für keinen echten Kauf.</p>"
            "<p><b>Streitbeilegung.</b> Zur Teilnahme an einem Streitbeilegungsverfahren vor einer "
            "Verbraucherschlichtungsstelle sind wir weder bereit noch verpflichtet "
            "(§ 36 VSBG).</p>"
        ),
    },
    {
        "slug": "widerruf",
        "title": "Widerrufsbelehrung",
        "role": "withdrawal",
        "intro": "Ihr Recht, einen Kauf zu widerrufen, und wann es erlischt.",
        "text": (
            "<p>Sie können Ihre Bestellung eines gedruckten Buches binnen vierzehn Tagen "
            "ohne Angabe von Gründen widerrufen; die Frist beginnt mit dem Tag, an dem "
            "Sie das Buch erhalten. Bei digitalen Inhalten (PDF, E-Book, E-Kurs) "
            "beginnt sie mit dem Kauf.</p>"
            "<p>Am einfachsten widerrufen Sie über den Link „Vertrag widerrufen“ "
            "unten auf jeder Seite: Bestellnummer und E-Mail-Adresse angeben, "
            "bestätigen, fertig; Sie erhalten sofort eine Bestätigung per E-Mail. Eine "
            "formlose Nachricht an unsere Adresse im Impressum genügt ebenso, zum "
            "Beispiel mit dem Muster-Widerrufsformular, das jeder Bestellbestätigung "
            "beiliegt.</p>"
            "<p>Bei digitalen Inhalten erlischt das Widerrufsrecht, sobald wir mit der "
            "Lieferung begonnen haben, wenn Sie dem ausdrücklich zugestimmt und "
            "bestätigt haben, dass Sie dies wissen. Nach einem Widerruf erstatten wir "
            "alle Zahlungen einschließlich der Standard-Versandkosten binnen vierzehn "
            "Tagen auf dem Weg, auf dem Sie bezahlt haben; bei Büchern, sobald sie "
            "wieder bei uns sind. Diese Belehrung gehört zu einer Demonstration.</p>"
        ),
    },
]

PRODUCTS = [
    {
        "upc": "KOMPASS-PDF-0001",
        "topics": ["bewerbung"],
        "tags": ["Onboarding"],
        "class": "artikel-pdf",
        "category": "Artikel",
        "title": "Der erste Arbeitstag: Was wirklich zählt (PDF)",
        "description": (
            "<p>Der Artikel von Mara Lindqvist als druckfertiges PDF, mit Ihrem "
            "persönlichen Wasserzeichen.</p>"
        ),
        "price": "3.99",
        "stock": None,
        "colour": (38, 84, 124),
    },
    {
        "upc": "978-3-00-000001-0",
        "topics": ["bewerbung"],
        "tags": ["Onboarding", "Probezeit"],
        "class": "buch",
        "category": "Bücher",
        "title": "Gut ankommen. Der Ratgeber für die ersten 100 Tage",
        "description": (
            "<p>Das Buch zur Serie: 220 Seiten mit Checklisten, Gesprächsleitfäden und "
            "Beispielen aus der Praxis. Gebunden, mit Lesebändchen.</p>"
        ),
        "price": "24.90",
        "stock": 40,
        "colour": (120, 52, 30),
    },
    {
        "upc": "978-3-00-000002-7",
        "topics": ["gehalt"],
        "tags": ["Gehalt", "Verhandlung"],
        "class": "e-book",
        "category": "E-Books",
        "title": "Gehalt ohne Bauchschmerzen (E-Book)",
        "description": (
            "<p>Tobias Reinhardt zeigt Schritt für Schritt, wie Sie Ihren Marktwert "
            "belegen und Gehaltsgespräche souverän führen. EPUB und PDF.</p>"
        ),
        "price": "17.99",
        "stock": None,
        "colour": (46, 110, 72),
    },
    {
        "upc": "KOMPASS-KURS-0001",
        "topics": ["fuehrung"],
        "tags": ["Feedback", "Team"],
        "class": "e-kurs",
        "category": "Kurse",
        "title": "E-Kurs: Souverän führen",
        "description": (
            "<p>Fünf Lektionen mit Lernaufgaben und eine Abschlusslektion: als ein "
            "PDF mit Ihrem persönlichen Wasserzeichen und als persönlicher "
            "E-Mail-Kurs, eine Lektion alle zwei Tage.</p>"
        ),
        "price": "19.99",
        "stock": None,
        "colour": (92, 60, 130),
    },
]

# What a publisher prints about a title (shown on the product page), by UPC/ISBN.
PRODUCT_FACTS = {
    "978-3-00-000001-0": {
        "contributors": "Mara Lindqvist, Jonas Petersen",
        "book_format": "hardcover",
        "page_count": 220,
        "published_on": "2026-03-01",
        "delivery_time": "2–3 Werktage",
    },
    "978-3-00-000002-7": {
        "contributors": "Jonas Petersen",
        "book_format": "epub",
        "page_count": 148,
        "published_on": "2026-06-15",
    },
    "KOMPASS-KURS-0001": {
        "contributors": "Aylin Demir",
        "book_format": "online",
        "published_on": "2026-09-01",
    },
    "KOMPASS-PDF-0001": {"contributors": "Mara Lindqvist", "book_format": "pdf"},
}

# What the first article of the onboarding series shows beyond its text: its PDF with
# the live price, two hand-picked products and a newsletter box.
ARTICLE_SHOP_BLOCKS = {
    "der-erste-arbeitstag": {
        "pdf_product": "KOMPASS-PDF-0001",
        "picks": ["978-3-00-000001-0", "KOMPASS-KURS-0001"],
        "picks_heading": "Bücher zum Thema",
        "offer_text": "Zum Ausdrucken und Abhaken, mit Ihrem persönlichen Wasserzeichen.",
        "newsletter_heading": "Einmal im Monat: unsere Neuigkeiten",
        "newsletter_text": "Neue Artikel, Serien und Bücher, dazu ein Tipp für die Praxis.",
    },
}

# Accounts for trying the editorial workflow: a guest author who can write and submit
# articles, and an editor (in Wagtail's Moderators group) who approves them.
GUEST_AUTHOR = {
    "email": "gastautorin@kompass-verlag.example",
    "first_name": "Selin",
    "last_name": "Aydin",
    "author": "selin-aydin",
}
EDITOR = {
    "email": "lektorat@kompass-verlag.example",
    "first_name": "Rita",
    "last_name": "Redaktion",
}
GUEST_AUTHORS_GROUP = "Gastautoren"

NEWSLETTERS = [
    {
        "slug": "neuigkeiten",
        "title": "Neuigkeiten",
        "email": "newsletter@kompass-verlag.example",
        "sender": "Kompass Karriereverlag",
        "description": "Einmal im Monat: neue Artikel und Serien aus dem Magazin, "
        "dazu ein Tipp für den Berufsalltag, den Sie gleich ausprobieren können.",
        "position": 1,
    },
    {
        "slug": "angebote",
        "title": "Angebote",
        "email": "newsletter@kompass-verlag.example",
        "sender": "Kompass Karriereverlag",
        "description": "Wenn ein neues Buch oder ein E-Kurs erscheint oder ein Titel "
        "günstiger wird: höchstens zweimal im Monat, nie öfter.",
        "position": 2,
    },
]
NEWSLETTER = NEWSLETTERS[0]

# Readers of the demo who confirmed "Neuigkeiten", and the issue they were sent.
DEMO_SUBSCRIBERS = [
    "leserin.beispiel@example.org",
    "leser.muster@example.org",
    "personalerin@example.org",
]
NEWSLETTER_ISSUE = {
    "subject": "Neuigkeiten im November: Probezeit gut überstehen",
    "preheader": "Drei Artikel für die ersten Monate im neuen Job und ein Buchtipp.",
    "intro": "<p>Guten Tag,</p><p>die ersten Wochen in einer neuen Stelle "
    "entscheiden viel. Diesmal haben wir drei Beiträge ausgesucht, die Ihnen helfen, "
    "die Probezeit mit Plan anzugehen.</p>",
    "articles": [
        "der-erste-arbeitstag",
        "feedback-in-der-probezeit",
        "probezeitgespraech-vorbereiten",
    ],
    "product": "978-3-00-000001-0",
    "product_text": "Alles aus der Serie in einem Band, mit Checklisten zum Ausfüllen.",
}

# The discussion under "Der erste Arbeitstag": twelve responses, among them an
# exchange between the author and a reader three levels deep and beyond; one more
# comment waits for the moderator, and two other blogs mention the article.
# Each entry: (key, reply to key or None, name, e-mail, text, days ago, author slug).
COMMENTS_ARTICLE = "der-erste-arbeitstag"
COMMENTS = [
    ("a", None, "Jana Reuter", "jana.reuter@leserpost.example",
     "Die Idee, am Abend vorher die Tasche zu packen, klingt banal, hat mir aber "
     "beim letzten Wechsel wirklich Ruhe gebracht.\n\nWas ich ergänzen würde: die "
     "Telefonnummer der Ansprechperson auf Papier, falls das Handy streikt.", 12, ""),
    ("b", "a", "Mara Lindqvist", "", "Danke, Frau Reuter – die Nummer auf Papier "
     "nehme ich in die Liste auf. Gerade bei großen Standorten mit Empfang hilft "
     "das enorm.", 12, "mara-lindqvist"),
    ("c", "b", "Jana Reuter", "jana.reuter@leserpost.example", "Gern! Wie sehen Sie "
     "das mit dem ersten Mittagessen: lieber allein durchatmen oder gleich mit dem "
     "Team gehen?", 11, ""),
    ("d", "c", "Mara Lindqvist", "", "Wenn jemand fragt: unbedingt mitgehen. Wenn "
     "niemand fragt, dürfen Sie ruhig selbst fragen, wer wohin geht. Allein "
     "durchatmen können Sie am zweiten Tag.", 11, "mara-lindqvist"),
    ("e", "d", "Jana Reuter", "jana.reuter@leserpost.example", "Das mit dem "
     "Selbst-Fragen kostet Überwindung, aber Sie haben recht. Ich probiere es aus.",
     10, ""),
    ("f", None, "Oliver Kranz", "o.kranz@leserpost.example", "Bei mir war am ersten "
     "Tag weder Laptop noch Zugang da. Ein Satz dazu, wie man die Wartezeit sinnvoll "
     "nutzt, wäre hilfreich: Ich habe mir Organigramm und Intranet angesehen.", 9,
     ""),
    ("g", "f", "Mara Lindqvist", "", "Ein guter Hinweis, Herr Kranz. Das "
     "Organigramm ist tatsächlich die beste Lektüre für Leerlauf – und eine Notiz, "
     "was fehlt, für das Gespräch mit der Führungskraft.", 9, "mara-lindqvist"),
    ("h", None, "Leonie Barth", "leonie.barth@leserpost.example", "Ich fange nächste "
     "Woche an und habe mir die Liste ausgedruckt. Danke!", 7, ""),
    ("i", "h", "Thomas Weber", "t.weber@leserpost.example", "Viel Erfolg! Mein Tipp: "
     "Namen gleich nach dem Gespräch notieren, sonst sind sie am Abend weg.", 7, ""),
    ("j", "i", "Leonie Barth", "leonie.barth@leserpost.example", "Gute Idee, mache "
     "ich. Vielleicht mit kleiner Skizze, wer wo sitzt.", 6, ""),
    ("k", None, "Ayşe Yıldız", "ayse.yildiz@leserpost.example", "Aus Sicht einer "
     "Teamleiterin: Wir freuen uns über Fragen am ersten Tag. Niemand erwartet, dass "
     "neue Kolleginnen schon alles wissen. Mehr davon unter "
     "https://www.example.org/onboarding-notizen.", 4, ""),
    ("l", "k", "Oliver Kranz", "o.kranz@leserpost.example", "Das zu lesen, nimmt "
     "Druck raus. Danke für die Perspektive von der anderen Seite.", 3, ""),
]  # fmt: skip
COMMENT_WAITING = (
    "Paul Neumann", "paul.neumann@leserpost.example",
    "Gibt es die Checkliste auch als PDF zum Ausdrucken?",
)  # fmt: skip
MENTIONS = [
    {
        "source": "https://blog.example.org/2026/11/gut-ankommen/",
        "title": "Gut ankommen: drei Texte für den neuen Job",
        "author_name": "Ines Hartmann",
        "author_url": "https://blog.example.org/",
        "excerpt": "Besonders hilfreich fand ich den Beitrag zum ersten Arbeitstag.",
    },
    {
        "source": "https://notizen.example.net/lesezeichen-november/",
        "title": "Lesezeichen im November",
        "author_name": "Kai Brandt",
        "author_url": "https://notizen.example.net/",
        "excerpt": "Eine Liste für den ersten Tag, die ohne Phrasen auskommt.",
    },
]
COMMENT_RULES_BLOCKED = "casino\nviagra\nkredit ohne schufa"


# The eCourse sold as KOMPASS-KURS-0001: five lessons and a final lesson, each with
# learning tasks (text, optional hint). Sold as a PDF and as an e-mail course.
COURSE = {
    "slug": "souveraen-fuehren",
    "title": "Souverän führen",
    "product": "KOMPASS-KURS-0001",
    "lead": (
        "Für alle, die zum ersten Mal ein Team leiten: in sechs kurzen Lektionen vom "
        "ersten Teamgespräch bis zu Ihrem eigenen Führungsplan."
    ),
    "outcomes": (
        "<ul><li>ein Auftaktgespräch mit dem neuen Team führen</li>"
        "<li>Erwartungen klar und freundlich aussprechen</li>"
        "<li>Feedback geben, das ein Gespräch eröffnet statt es zu beenden</li>"
        "<li>Konflikte früh ansprechen</li>"
        "<li>die eigene Woche so planen, dass Führung darin Platz hat</li></ul>"
    ),
    "lessons": [
        {
            "slug": "der-rollenwechsel",
            "title": "Der Rollenwechsel",
            "teaser": "Gestern Kollegin, heute Chefin: was sich ändert und was nicht.",
            "text": (
                "<p>Wer aus dem Team heraus zur Führungskraft wird, verliert selten "
                "die Sympathie der anderen, aber fast immer die alte Selbstverständ"
                "lichkeit. Gespräche in der Kaffeeküche klingen anders, wenn eine "
                "Person darin über Urlaub und Gehalt mitentscheidet.</p>"
                "<p>Sprechen Sie den Wechsel offen an. Ein Satz wie „Ich weiß, dass "
                "das für uns alle neu ist“ nimmt mehr Druck heraus als jede "
                "Vorbereitung auf schwierige Fragen.</p>"
            ),
            "tasks": [
                (
                    "Schreiben Sie drei Dinge auf, die Sie als Teammitglied geschätzt "
                    "haben und als Führungskraft beibehalten wollen.",
                    "",
                ),
                (
                    "Notieren Sie eine Situation, in der Ihre neue Rolle Sie vor eine "
                    "Entscheidung gegen eine frühere Kollegin stellen könnte.",
                    "Es hilft, die Entscheidung an einem Kriterium festzumachen, das "
                    "alle kennen, etwa der Dienstplan oder die Urlaubsregel.",
                ),
            ],
        },
        {
            "slug": "das-auftaktgespraech",
            "title": "Das Auftaktgespräch",
            "teaser": "Eine Stunde mit jeder Person im Team, bevor der Alltag beginnt.",
            "text": (
                "<p>Planen Sie in den ersten zwei Wochen mit jeder Person ein "
                "Gespräch ohne Tagesordnung außer dieser: Was läuft gut, was soll "
                "bleiben, was stört? Hören Sie mehr zu, als Sie reden.</p>"
            ),
            "tasks": [
                (
                    "Formulieren Sie drei offene Fragen für Ihr erstes "
                    "Auftaktgespräch.",
                    "Offene Fragen beginnen mit „Was“, „Wie“ oder "
                    "„Woran“, nicht mit „Ist“ oder „Haben“.",
                ),
                (
                    "Legen Sie fest, wie Sie die Antworten festhalten, ohne dass das "
                    "Gespräch zum Protokolltermin wird.",
                    "",
                ),
            ],
        },
        {
            "slug": "erwartungen-klaeren",
            "title": "Erwartungen klären",
            "teaser": "Was Sie erwarten, sollte niemand erraten müssen.",
            "text": (
                "<p>Unklare Erwartungen sind die häufigste Quelle späterer Konflikte. "
                "Sagen Sie, woran Sie gute Arbeit erkennen, und fragen Sie, was das "
                "Team umgekehrt von Ihnen erwartet.</p>"
            ),
            "tasks": [
                (
                    "Schreiben Sie für eine Aufgabe Ihres Teams auf, woran Sie "
                    "erkennen, dass sie gut erledigt ist.",
                    "",
                ),
                (
                    "Fragen Sie eine Person im Team, was sie von Ihnen als "
                    "Führungskraft braucht, und notieren Sie die Antwort wörtlich.",
                    "Wörtlich heißt: ohne sie gleich zu bewerten oder zu erklären.",
                ),
                ("Vergleichen Sie beide Listen: Wo passen sie zusammen, wo nicht?", ""),
            ],
        },
        {
            "slug": "feedback-das-ankommt",
            "title": "Feedback, das ankommt",
            "teaser": "Beobachtung, Wirkung, Wunsch: ein einfaches Muster für "
            "schwierige Sätze.",
            "text": (
                "<p>Gutes Feedback beschreibt, was Sie beobachtet haben, welche "
                "Wirkung es hatte und was Sie sich wünschen. Es bewertet nicht die "
                "Person, sondern eine Situation, und es endet mit einer Frage.</p>"
            ),
            "tasks": [
                (
                    "Formulieren Sie ein Feedback nach dem Muster Beobachtung, Wirkung, "
                    "Wunsch zu einer Situation der letzten Woche.",
                    "Prüfen Sie die Beobachtung: Könnte eine Kamera sie aufgenommen "
                    "haben? Dann ist sie frei von Bewertung.",
                ),
                (
                    "Überlegen Sie, mit welcher Frage Sie das Gespräch danach öffnen.",
                    "",
                ),
            ],
        },
        {
            "slug": "konflikte-frueh-ansprechen",
            "title": "Konflikte früh ansprechen",
            "teaser": "Kleine Reibungen sind billiger als große Krisen.",
            "text": (
                "<p>Die meisten Konflikte im Team kündigen sich lange an. Wer beim "
                "ersten Mal freundlich nachfragt, muss beim fünften Mal nicht "
                "eingreifen.</p>"
            ),
            "tasks": [
                (
                    "Denken Sie an eine Spannung in Ihrem Team, die noch niemand "
                    "angesprochen hat. Wer ist beteiligt, was ist sichtbar?",
                    "",
                ),
                (
                    "Schreiben Sie den ersten Satz auf, mit dem Sie das Thema "
                    "ansprechen würden.",
                    "Ein guter erster Satz beschreibt Ihre "
                    "Beobachtung und lädt ein: „Mir ist aufgefallen …, wie siehst du "
                    "das?“",
                ),
            ],
        },
        {
            "slug": "abschluss-ihr-fuehrungsplan",
            "title": "Abschluss: Ihr Führungsplan",
            "teaser": "Was Sie aus dem Kurs mitnehmen, auf einer Seite.",
            "final": True,
            "text": (
                "<p>Sie haben in fünf Lektionen Ihr Team kennengelernt, Erwartungen "
                "geklärt und schwierige Gespräche geübt. Zum Abschluss fassen Sie "
                "das in einem Plan für die nächsten drei Monate zusammen.</p>"
            ),
            "tasks": [
                (
                    "Schreiben Sie auf eine Seite: drei Gespräche, die Sie führen, "
                    "zwei Gewohnheiten, die Sie einüben, und eine, die Sie ablegen.",
                    "",
                ),
            ],
        },
    ],
}


# The shop's titles each author wrote (shown on the author's page), by product title.
AUTHOR_BOOKS = {
    "mara-lindqvist": ["Gut ankommen. Der Ratgeber für die ersten 100 Tage"],
    "tobias-reinhardt": ["Gehalt ohne Bauchschmerzen (E-Book)"],
    "selin-aydin": ["E-Kurs: Souverän führen"],
}

# --- Courses on demand -----------------------------------------------------------

#: Learning tasks of the articles released for courses on demand: (task, hint).
ARTICLE_TASKS = {
    "der-erste-arbeitstag": [
        (
            "Schreiben Sie drei Fragen auf, die Sie am ersten Tag Ihrer Führungskraft "
            "stellen möchten, und ordnen Sie sie nach Dringlichkeit.",
            "Gute erste Fragen betreffen Erwartungen, Ansprechpartner und die ersten "
            "Aufgaben, nicht Urlaub oder Gehalt.",
        ),
        (
            "Notieren Sie nach Ihrem ersten Arbeitstag fünf Namen und wofür die Person "
            "zuständig ist.",
            "",
        ),
    ],
    "die-erste-woche-strukturieren": [
        (
            "Legen Sie für Ihre erste Woche drei Ziele fest, die Sie am Freitag "
            "überprüfen können.",
            "Prüfbar heißt: Sie können am Ende mit Ja oder Nein antworten.",
        ),
        (
            "Planen Sie zwei Gespräche mit Kolleginnen oder Kollegen aus anderen "
            "Teams.",
            "",
        ),
    ],
    "feedback-in-der-probezeit": [
        (
            "Bitten Sie eine Person aus Ihrem Team um eine konkrete Rückmeldung zu "
            "einer Aufgabe der letzten Woche. Halten Sie fest, was Sie daraus ändern.",
            "Fragen Sie nach einem Beispiel, nicht nach einem Gesamturteil.",
        ),
    ],
    "marktwert-ermitteln": [
        (
            "Sammeln Sie drei Quellen für Gehaltsangaben Ihrer Rolle in Ihrer Region "
            "und notieren Sie die Spanne.",
            "Tarifverträge, Gehaltsreports von Verbänden und Stellenanzeigen mit "
            "Gehaltsangabe sind gute Startpunkte.",
        ),
        (
            "Schreiben Sie fünf Erfolge des letzten Jahres auf, jeweils mit einer "
            "Zahl oder einem sichtbaren Ergebnis.",
            "",
        ),
    ],
    "das-gehaltsgespraech-fuehren": [
        (
            "Formulieren Sie Ihren Einstiegssatz für das Gehaltsgespräch und sprechen "
            "Sie ihn laut, bis er sicher sitzt.",
            "Ein guter Einstieg nennt den Anlass und Ihren Beitrag in zwei Sätzen.",
        ),
        (
            "Überlegen Sie sich zwei Antworten auf ein erstes Nein.",
            "Zum Beispiel: einen späteren Termin vereinbaren oder über andere "
            "Leistungen sprechen.",
        ),
    ],
    "arbeitszeugnis-lesen": [
        (
            "Nehmen Sie ein eigenes Zeugnis und markieren Sie alle Sätze zur Leistung "
            "und zum Verhalten. Welche Note ergibt sich?",
            "Achten Sie auf Steigerungen wie „stets“ und auf Dinge, die fehlen.",
        ),
    ],
    "fuehren-auf-distanz": [
        (
            "Legen Sie mit Ihrem Team fest, welche Anliegen per Chat, welche per Mail "
            "und welche im Gespräch geklärt werden.",
            "Schreiben Sie die Absprache auf und prüfen Sie sie nach vier Wochen.",
        ),
        (
            "Planen Sie ein regelmäßiges Einzelgespräch pro Person im Team.",
            "",
        ),
    ],
    "gutes-feedback-geben": [
        (
            "Bereiten Sie eine Rückmeldung nach dem Muster Beobachtung – Wirkung – "
            "Wunsch vor.",
            "Die Beobachtung beschreibt, was geschah, ohne Bewertung.",
        ),
        (
            "Fragen Sie nach Ihrem nächsten Feedbackgespräch, wie die Rückmeldung "
            "angekommen ist.",
            "",
        ),
    ],
    "anschreiben-das-gelesen-wird": [
        (
            "Schreiben Sie den ersten Satz Ihres Anschreibens neu, ohne „hiermit "
            "bewerbe ich mich“.",
            "Beginnen Sie mit dem, was Sie für die Stelle mitbringen.",
        ),
    ],
}

#: The final lessons of courses on demand: one per topic group, one for any.
FINAL_LESSONS = [
    {
        "title": "Abschluss: Was Sie mitnehmen",
        "topics": [],
        "teaser": "Zum Schluss sortieren Sie, was Sie gelernt haben, und legen Ihre "
        "nächsten Schritte fest.",
        "text": "<p>Sie haben Ihren Kurs durchgearbeitet. Nehmen Sie sich für diese "
        "letzte Lektion eine halbe Stunde Zeit und blättern Sie durch Ihre "
        "Notizen.</p>",
        "tasks": [
            (
                "Schreiben Sie die drei Erkenntnisse auf, die Ihnen am meisten "
                "geholfen haben.",
                "",
            ),
            (
                "Legen Sie einen ersten Schritt fest, den Sie in den nächsten sieben "
                "Tagen gehen.",
                "Ein Schritt ist klein genug, wenn Sie ihn in einer Stunde schaffen.",
            ),
        ],
    },
    {
        "title": "Abschluss: Ihr Führungsplan",
        "topics": ["fuehrung"],
        "teaser": "Aus den Lektionen wird ein Plan für Ihre nächsten drei Monate als "
        "Führungskraft.",
        "text": "<p>Führung zeigt sich im Alltag. In dieser Lektion übertragen Sie "
        "das Gelernte auf Ihr Team und Ihre Termine.</p>",
        "tasks": [
            (
                "Notieren Sie für jede Person in Ihrem Team eine Sache, die Sie in den "
                "nächsten Wochen besser machen wollen.",
                "",
            ),
            (
                "Tragen Sie drei feste Termine für Gespräche in Ihren Kalender ein.",
                "Regelmäßigkeit zählt mehr als Länge.",
            ),
        ],
    },
    {
        "title": "Abschluss: Ihr Bewerbungsfahrplan",
        "topics": ["bewerbung", "gehalt", "arbeitsrecht"],
        "teaser": "Sie bündeln, was Sie für Bewerbung, Verhandlung und Vertrag "
        "gelernt haben.",
        "text": "<p>Von der Bewerbung bis zum Vertrag: In dieser Lektion bringen Sie "
        "Ihre Unterlagen und Argumente auf einen Stand.</p>",
        "tasks": [
            (
                "Prüfen Sie Lebenslauf und Anschreiben mit dem, was Sie gelernt haben, "
                "und ändern Sie mindestens eine Stelle.",
                "",
            ),
            (
                "Schreiben Sie Ihre Gehaltsspanne und Ihre drei stärksten Argumente "
                "auf eine Karteikarte.",
                "",
            ),
        ],
    },
]

COURSE_ON_DEMAND_PRODUCT = {
    "upc": "KOMPASS-KURS-NACH-WUNSCH",
    "topics": [],
    "tags": [],
    "class": "e-kurs",
    "category": "Kurse",
    "title": "E-Kurs nach Wunsch",
    "description": (
        "<p>Ihr eigener Kurs aus unseren Lektionen und Artikeln, mit Lernaufgaben "
        "und einer Abschlusslektion.</p>"
    ),
    "price": "19.99",
    "stock": None,
    "colour": (40, 110, 90),
    "public": False,
}
