<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../backoffice/ui/case_dialogs.py" line="+147"/>
        <source>Assign case</source>
        <translation>Fall zuweisen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Who should work on {file}?</source>
        <translation>Wer soll {file} bearbeiten?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nobody (unassigned)</source>
        <translation>Niemand (nicht zugewiesen)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Assign to</source>
        <translation>Zuweisen an</translation>
    </message>
</context>
<context>
    <name>AttachmentsSection</name>
    <message>
        <location filename="../../backoffice/ui/case_sections.py" line="+152"/>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Not available yet: attachment contents arrive with the portal connection.</source>
        <translation>Noch nicht verfügbar: Die Inhalte der Anlagen kommen mit der Portal-Anbindung.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This application has no attachments.</source>
        <translation>Dieser Antrag hat keine Anlagen.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>{name}
stored as {safe_name}</source>
        <translation>{name}
gespeichert als {safe_name}</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../backoffice/ui/case_header.py" line="+50"/>
        <source>Identification</source>
        <translation>Identifizierung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Worked on by</source>
        <translation>Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reply by</source>
        <translation>Antwort per</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>nobody yet</source>
        <translation>noch niemand</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>received {when}</source>
        <translation>eingegangen {when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>closed {when}</source>
        <translation>abgeschlossen {when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>deadline paused since {date}</source>
        <translation>Frist ruht seit {date}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>due {date}</source>
        <translation>Frist {date}</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(%n working day(s) left)</source>
        <translation>
            <numerusform>(noch %n Arbeitstag)</numerusform>
            <numerusform>(noch %n Arbeitstage)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseView</name>
    <message>
        <location filename="../../backoffice/ui/case_view.py" line="+86"/>
        <location line="+141"/>
        <source>Select a case in the list.</source>
        <extracomment>A case was changed from here (the new :class:`CaseRow`). A change from here met a concurrent change (case id). A case has been shown (its file number), or &quot;&quot; when none is. A short confirmation for the status bar. The dialog currently open (a status change or an assignment), if any.</extracomment>
        <translation>Wählen Sie einen Fall in der Liste aus.</translation>
    </message>
    <message>
        <location line="-128"/>
        <source>&amp;Take case</source>
        <translation>Fall &amp;übernehmen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Release case</source>
        <translation>Fall &amp;freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the case back: nobody works on it</source>
        <translation>Den Fall zurückgeben: Danach bearbeitet ihn niemand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Assign…</source>
        <translation>&amp;Zuweisen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose who works on this case</source>
        <translation>Festlegen, wer diesen Fall bearbeitet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change &amp;status…</source>
        <translation>&amp;Status ändern…</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Take this case: you work on it ({key})</source>
        <translation>Diesen Fall übernehmen: Sie bearbeiten ihn ({key})</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Move the case to another status ({key})</source>
        <translation>Den Fall in einen anderen Status setzen ({key})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;note</source>
        <translation>&amp;Notiz hinzufügen</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>No history.</source>
        <translation>Kein Verlauf.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Application</source>
        <translation>Antrag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>Anlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Loading case…</source>
        <translation>Fall wird geladen…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>The case could not be opened.</source>
        <translation>Der Fall konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Attachments ({n})</source>
        <translation>Anlagen ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History ({n})</source>
        <translation>Verlauf ({n})</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes ({n})</source>
        <translation>Notizen ({n})</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>New status: {status}</source>
        <translation>Neuer Status: {status}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not possible yet: needs {what}.</source>
        <translation>Noch nicht möglich: erfordert {what}.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This case is closed.</source>
        <translation>Dieser Fall ist abgeschlossen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take the case to work on it.</source>
        <translation>Übernehmen Sie den Fall, um ihn zu bearbeiten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Another colleague works on this case.</source>
        <translation>Diesen Fall bearbeitet eine Kollegin oder ein Kollege.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>You took case {file}.</source>
        <translation>Sie haben den Fall {file} übernommen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Case {file} released.</source>
        <translation>Fall {file} freigegeben.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Case {file} assigned.</source>
        <translation>Fall {file} zugewiesen.</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Case {file}: status changed.</source>
        <translation>Fall {file}: Status geändert.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Note saved.</source>
        <translation>Notiz gespeichert.</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>{who} took this case just before you.</source>
        <translation>{who} hat diesen Fall gerade vor Ihnen übernommen.</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../backoffice/ui/errors.py" line="+86"/>
        <source>Unexpected error</source>
        <translation>Unerwarteter Fehler</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Something went wrong that the program did not expect. Your last action may not have been saved. Please copy the details below and send them to your IT support.</source>
        <translation>Es ist ein Fehler aufgetreten, mit dem das Programm nicht gerechnet hat. Ihre letzte Aktion wurde möglicherweise nicht gespeichert. Bitte kopieren Sie die Details unten und senden Sie sie an Ihren IT-Support.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A report was saved as {path}.</source>
        <translation>Ein Bericht wurde unter {path} gespeichert.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Copy details</source>
        <translation>Details kopieren</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location line="-56"/>
        <source>This status change needs {what}.</source>
        <translation>Dieser Statuswechsel erfordert {what}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>You are not allowed to do that.</source>
        <translation>Dazu sind Sie nicht berechtigt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case no longer exists.</source>
        <translation>Diesen Fall gibt es nicht mehr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else holds this case.</source>
        <translation>Jemand anderes bearbeitet diesen Fall.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The input was not accepted.</source>
        <translation>Die Eingabe wurde nicht angenommen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This status change is not possible for this case.</source>
        <translation>Dieser Statuswechsel ist für diesen Fall nicht möglich.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Someone else changed the case meanwhile.</source>
        <translation>Jemand anderes hat den Fall inzwischen geändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The action was refused.</source>
        <translation>Die Aktion wurde abgelehnt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database cannot be reached. Check the network connection and try again.</source>
        <translation>Die Datenbank ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The database reported an error.</source>
        <translation>Die Datenbank hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>An unexpected error occurred.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten.</translation>
    </message>
</context>
<context>
    <name>FormSection</name>
    <message>
        <location filename="../../backoffice/ui/case_sections.py" line="-99"/>
        <source>Further data (not in this service&apos;s form)</source>
        <extracomment>The value labels by (group, field), for tests and for copying.</extracomment>
        <translation>Weitere Angaben (nicht im Formular dieser Leistung)</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../backoffice/ui/inbox_model.py" line="+364"/>
        <source>Click to sort by this column</source>
        <extracomment>``data(index, CASE_ROW_ROLE)`` is the row&apos;s :class:`CaseRow`. ``data(index, CASE_ID_ROLE)`` is the case id (an int). Columns the database can sort by; the others ignore ``sort()``. True while a page or a refresh is being loaded. A page or refresh failed; the exception (the panel shows it). The first page of a new query, or a refresh, has been applied.</extracomment>
        <translation>Klicken, um nach dieser Spalte zu sortieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This column cannot be sorted</source>
        <translation>Nach dieser Spalte kann nicht sortiert werden</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>File number</source>
        <translation>Aktenzeichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Applicant</source>
        <translation>Antragsteller/in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Due</source>
        <translation>Frist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assigned to</source>
        <translation>Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Att.</source>
        <translation>Anl.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>overdue</source>
        <translation>überfällig</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paused</source>
        <translation>Frist ruht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The processing deadline has passed.</source>
        <translation>Die Bearbeitungsfrist ist abgelaufen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The deadline is paused while the case waits for the applicant.</source>
        <translation>Die Frist ruht, solange der Fall auf die antragstellende Person wartet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Someone else changed this case while you were working on it.</source>
        <translation>Jemand anderes hat diesen Fall geändert, während Sie ihn bearbeitet haben.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Nobody works on this case yet</source>
        <translation>Diesen Fall bearbeitet noch niemand</translation>
    </message>
</context>
<context>
    <name>InboxPanel</name>
    <message>
        <location filename="../../backoffice/ui/inbox.py" line="+163"/>
        <source>Search file number, name, form data ({shortcut})</source>
        <extracomment>The clerk selected a case (its id).</extracomment>
        <translation>Suchen: Aktenzeichen, Name, Angaben ({shortcut})</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Show cases in this status</source>
        <translation>Fälle in diesem Status zeigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show cases of this service</source>
        <translation>Fälle dieser Leistung zeigen</translation>
    </message>
    <message>
        <location line="+205"/>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>All statuses</source>
        <translation>Alle Status</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All services</source>
        <translation>Alle Leistungen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cases assigned to you</source>
        <translation>Ihnen zugewiesene Fälle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases nobody has taken yet</source>
        <translation>Fälle, die noch niemand übernommen hat</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases past their processing deadline</source>
        <translation>Fälle mit abgelaufener Bearbeitungsfrist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every case, whoever works on it</source>
        <translation>Alle Fälle, gleich wer sie bearbeitet</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Loading cases…</source>
        <translation>Fälle werden geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No case matches the search.</source>
        <translation>Kein Fall passt zur Suche.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There are no cases in this view.</source>
        <translation>In dieser Ansicht gibt es keine Fälle.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Loading…</source>
        <translation>Wird geladen…</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n Fall</numerusform>
            <numerusform>%n Fälle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The cases could not be loaded.</source>
        <translation>Die Fälle konnten nicht geladen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../backoffice/ui/main_window.py" line="+105"/>
        <source>Rathaus Backoffice</source>
        <translation>Rathaus Backoffice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Fetch from portal</source>
        <translation>Vom &amp;Portal abrufen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Follows with the portal connection</source>
        <translation>Folgt mit der Portal-Anbindung</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Previous case</source>
        <translation>&amp;Vorheriger Fall</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Look for new and changed cases ({key})</source>
        <translation>Nach neuen und geänderten Fällen sehen ({key})</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ne&amp;xt case</source>
        <translation>Nä&amp;chster Fall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next case in the list ({key})</source>
        <translation>Nächster Fall in der Liste ({key})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Previous case in the list ({key})</source>
        <translation>Vorheriger Fall in der Liste ({key})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;About Rathaus Backoffice</source>
        <translation>Über &amp;Rathaus Backoffice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Case</source>
        <translation>&amp;Fall</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Working…</source>
        <translation>Arbeitet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in as {login}</source>
        <translation>Angemeldet als {login}</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>The program could not load its data.</source>
        <translation>Das Programm konnte seine Daten nicht laden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Open {file}</source>
        <translation>{file} öffnen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>About Rathaus Backoffice</source>
        <translation>Über Rathaus Backoffice</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rathaus Backoffice

Work through the applications citizens file online: take a case, check it, decide, and keep the applicant informed.</source>
        <translation>Rathaus Backoffice

Online gestellte Anträge bearbeiten: Fall übernehmen, prüfen, entscheiden und die antragstellende Person auf dem Laufenden halten.</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../backoffice/ui/widgets.py" line="+105"/>
        <source>Close this message</source>
        <extracomment>(background, border, text) per tone; chosen for contrast on light palettes.</extracomment>
        <translation>Diese Meldung schließen</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <location filename="../../backoffice/ui/case_sections.py" line="+190"/>
        <source>Internal note for colleagues; the applicant does not see it</source>
        <extracomment>The clerk wants to save the note (its text).</extracomment>
        <translation>Interne Notiz für Kolleginnen und Kollegen; die antragstellende Person sieht sie nicht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Save note</source>
        <translation>Notiz speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No notes yet.</source>
        <translation>Noch keine Notizen.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../backoffice/ui/texts.py" line="+47"/>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In progress</source>
        <translation>In Bearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting for the applicant</source>
        <translation>Wartet auf Antragsteller/in</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>Zurückgenommen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Clerk</source>
        <translation>Sachbearbeitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Team lead</source>
        <translation>Teamleitung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Administrator</source>
        <translation>Administration</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Start work</source>
        <translation>Bearbeitung beginnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Resume work</source>
        <translation>Bearbeitung fortsetzen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Ask the applicant…</source>
        <translation>Rückfrage stellen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Complete…</source>
        <translation>Abschließen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reject…</source>
        <translation>Ablehnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Record withdrawal…</source>
        <translation>Rücknahme erfassen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset to received</source>
        <translation>Auf „Eingegangen“ zurücksetzen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>a comment</source>
        <translation>eine Begründung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a message to the applicant</source>
        <translation>eine Nachricht an die antragstellende Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a generated document</source>
        <translation>ein erzeugtes Dokument</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>not identified</source>
        <translation>nicht identifiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The applicant did not sign in with an identity account; check identity before relying on the request.</source>
        <translation>Die antragstellende Person hat sich nicht mit einem Nutzerkonto identifiziert. Prüfen Sie die Identität, bevor Sie sich auf den Antrag verlassen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Identity confirmed by the portal.</source>
        <translation>Identität vom Portal bestätigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>paid</source>
        <translation>bezahlt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>started, not confirmed</source>
        <translation>begonnen, nicht bestätigt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The payment was started but the payment provider has not confirmed it.</source>
        <translation>Die Zahlung wurde begonnen, vom Zahlungsdienst aber noch nicht bestätigt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>failed or cancelled</source>
        <translation>fehlgeschlagen oder abgebrochen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no payment</source>
        <translation>keine Zahlung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A fee is due for this service.</source>
        <translation>Für diese Leistung ist eine Gebühr fällig.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no fee</source>
        <translation>gebührenfrei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>portal mailbox</source>
        <translation>Portal-Postfach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>De-Mail</source>
        <translation>De-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ELSTER mailbox</source>
        <translation>ELSTER-Postfach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>FINK mailbox</source>
        <translation>FINK-Postfach</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>in order</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>file type not recognised</source>
        <translation>Dateityp nicht erkannt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>file type differs from its declaration</source>
        <translation>Dateityp weicht von der Angabe ab</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>not checked</source>
        <translation>nicht geprüft</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+73"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Comment: {text}</source>
        <translation>Begründung: {text}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Message to the applicant: {text}</source>
        <translation>Nachricht an die antragstellende Person: {text}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Application received</source>
        <translation>Antrag eingegangen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} took the case</source>
        <translation>{who} hat den Fall übernommen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{who} moved the case from {old} to {new}</source>
        <translation>{who} hat den Fall von {old} an {new} übergeben</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{who} assigned the case to {new}</source>
        <translation>{who} hat den Fall {new} zugewiesen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{who} released the case</source>
        <translation>{who} hat den Fall freigegeben</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who}: {old} → {new}</source>
        <translation>{who}: {old} → {new}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Note by {who}</source>
        <translation>Notiz von {who}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Document generated</source>
        <translation>Dokument erzeugt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message to the applicant queued</source>
        <translation>Nachricht an die antragstellende Person vorgemerkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message to the applicant sent</source>
        <translation>Nachricht an die antragstellende Person versandt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message to the applicant could not be sent</source>
        <translation>Nachricht an die antragstellende Person konnte nicht versandt werden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{who} opened an attachment</source>
        <translation>{who} hat eine Anlage geöffnet</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>{who} assigned case {file} to you.</source>
        <translation>{who} hat Ihnen den Fall {file} zugewiesen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{who} took case {file} from you and gave it to {new}.</source>
        <translation>{who} hat Ihnen den Fall {file} abgenommen und an {new} übergeben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{who} took case {file} from you; it is unassigned now.</source>
        <translation>{who} hat Ihnen den Fall {file} abgenommen; er ist jetzt niemandem zugewiesen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the system</source>
        <translation>das System</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} changed this case while you were looking at it:</source>
        <translation>{who} hat diesen Fall geändert, während Sie ihn angesehen haben:</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The case has been reloaded. Check it and repeat your change if it is still needed.</source>
        <translation>Der Fall wurde neu geladen. Prüfen Sie ihn und wiederholen Sie Ihre Änderung, falls sie noch nötig ist.</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <location filename="../../backoffice/ui/case_dialogs.py" line="-120"/>
        <source>Change status</source>
        <translation>Status ändern</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This closes the case. It cannot be reopened.</source>
        <translation>Damit wird der Fall abgeschlossen. Er kann nicht wieder geöffnet werden.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Reason for the file; the applicant does not see it</source>
        <translation>Begründung für die Akte; die antragstellende Person sieht sie nicht</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Comment (required)</source>
        <translation>Begründung (Pflichtangabe)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Message to the applicant (required)</source>
        <translation>Nachricht an die antragstellende Person (Pflichtangabe)</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Please give a comment.</source>
        <translation>Bitte geben Sie eine Begründung an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please write the message to the applicant.</source>
        <translation>Bitte schreiben Sie die Nachricht an die antragstellende Person.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The comment is too long (at most {n} characters).</source>
        <translation>Die Begründung ist zu lang (höchstens {n} Zeichen).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The message is too long (at most {n} characters).</source>
        <translation>Die Nachricht ist zu lang (höchstens {n} Zeichen).</translation>
    </message>
</context>
</TS>
