<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AbsenceDialog</name>
    <message>
        <location filename="../../backoffice/ui/dashboard/absences.py" line="+69"/>
        <source>Absences and deputies</source>
        <extracomment>Cases were moved or given back (the figures and the inbox are out of date). The list of absences has been read (tests wait for it). The last result&apos;s details, while its dialog is open.</extracomment>
        <translation>Abwesenheiten und Vertretungen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Current and planned absences</source>
        <translation>Laufende und geplante Abwesenheiten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show past absences</source>
        <translation>Vergangene Abwesenheiten zeigen</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+40"/>
        <source>Clerk</source>
        <translation>Sachbearbeitung</translation>
    </message>
    <message>
        <location line="-39"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>Bis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases go to</source>
        <translation>Fälle gehen an</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Moved</source>
        <translation>Verschoben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Given back</source>
        <translation>Zurückgegeben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>End or &amp;drop absence</source>
        <translation>Abwesenheit &amp;beenden oder streichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>End the absence today, or drop a planned one; moved cases stay</source>
        <translation>Die Abwesenheit heute beenden oder eine geplante streichen; verschobene Fälle bleiben, wo sie sind</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Give cases back</source>
        <translation>Fälle &amp;zurückgeben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Once the absence has ended: return the cases it moved that are still open and with whoever received them</source>
        <translation>Nach dem Ende der Abwesenheit: die verschobenen Fälle zurückgeben, die noch offen sind und noch bei der Vertretung liegen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mark a clerk absent</source>
        <translation>Abwesenheit eintragen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Mark absent</source>
        <translation>Abwesenheit &amp;eintragen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>to</source>
        <translation>bis</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Absent from</source>
        <translation>Abwesend von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deputy</source>
        <translation>Vertretung</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Nobody: share out by current load</source>
        <translation>Niemand: nach aktueller Auslastung verteilen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>shared out by load</source>
        <translation>nach Auslastung verteilt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ended early or dropped</source>
        <translation>Vorzeitig beendet oder gestrichen</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>{name} is absent from {first} to {last}.</source>
        <translation>{name} ist vom {first} bis zum {last} abwesend.</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>The absence of {name} has ended.</source>
        <translation>Die Abwesenheit von {name} ist beendet.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give the cases back</source>
        <translation>Fälle zurückgeben</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Cases given back to {name}.</source>
        <translation>Fälle an {name} zurückgegeben.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%n open case(s) moved.</source>
        <translation>
            <numerusform>%n offener Fall verschoben.</numerusform>
            <numerusform>%n offene Fälle verschoben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n case(s) given back.</source>
        <translation>
            <numerusform>%n Fall zurückgegeben.</numerusform>
            <numerusform>%n Fälle zurückgegeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n case(s) refused.</source>
        <translation>
            <numerusform>%n Fall abgelehnt.</numerusform>
            <numerusform>%n Fälle abgelehnt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Details…</source>
        <translation>Einzelheiten …</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cases moved</source>
        <translation>Verschobene Fälle</translation>
    </message>
</context>
<context>
    <name>AddUserDialog</name>
    <message>
        <location filename="../../backoffice/ui/admin/users_page.py" line="+60"/>
        <source>Add user</source>
        <translation>Benutzer hinzufügen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the operating-system login, e.g. p.sommer</source>
        <translation>die Anmeldung am Betriebssystem, z. B. p.sommer</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Petra Sommer</source>
        <translation>z. B. Petra Sommer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Login</source>
        <translation>&amp;Anmeldename</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A login may only contain letters, digits and . _ @ - (no spaces).</source>
        <translation>Ein Anmeldename darf nur Buchstaben, Ziffern und . _ @ - enthalten (keine Leerzeichen).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The person signs in with this login; it cannot be changed later.</source>
        <translation>Die Person meldet sich mit diesem Namen an; er lässt sich später nicht ändern.</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../backoffice/ui/setup/pages.py" line="+175"/>
        <source>First administrator</source>
        <translation>Erste Administratorin / erster Administrator</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The person who sets up users and services. More users can be added later.</source>
        <translation>Die Person, die Benutzer und Dienste einrichtet. Weitere Benutzer lassen sich später hinzufügen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. Anna Schmitz</source>
        <translation>z. B. Anna Schmitz</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Login:</source>
        <translation>Anmeldename:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A login may only contain letters, digits and . _ @ -</source>
        <translation>Ein Anmeldename darf nur Buchstaben, Ziffern und . _ @ - enthalten</translation>
    </message>
</context>
<context>
    <name>AdminTexts</name>
    <message>
        <location filename="../../backoffice/ui/admin/audit_page.py" line="+71"/>
        <source>User added</source>
        <translation>Benutzer hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role changed</source>
        <translation>Rolle geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User deactivated</source>
        <translation>Benutzer deaktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User reactivated</source>
        <translation>Benutzer wieder aktiviert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name changed</source>
        <translation>Name geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deletion run</source>
        <translation>Löschlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service installed</source>
        <translation>Leistung eingerichtet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft saved</source>
        <translation>Entwurf gespeichert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft discarded</source>
        <translation>Entwurf verworfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Earlier version restored as a draft</source>
        <translation>Frühere Fassung als Entwurf wiederhergestellt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version published</source>
        <translation>Fassung veröffentlicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version ended</source>
        <translation>Fassung beendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Version imported</source>
        <translation>Fassung importiert</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Deleted: {numbers}</source>
        <translation>Gelöscht: {numbers}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>no longer due: {numbers}</source>
        <translation>nicht mehr fällig: {numbers}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>valid from {date}</source>
        <translation>gültig ab {date}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>valid until {date}</source>
        <translation>gültig bis {date}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ends version {numbers}</source>
        <translation>beendet Fassung {numbers}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Cases deleted: {count}</source>
        <translation>Gelöschte Fälle: {count}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Case {id}, entry {seq}: {reason}</source>
        <translation>Fall {id}, Eintrag {seq}: {reason}</translation>
    </message>
    <message>
        <location line="+293"/>
        <source>Viewed a document</source>
        <translation>Dokument angesehen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document {id}</source>
        <translation>Dokument {id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Opened the case</source>
        <translation>Fall geöffnet</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/admin/page_parts.py" line="+67"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The installation would be left without an active administrator; nothing was changed.</source>
        <translation>Die Installation hätte danach keine aktive Administration mehr; nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You cannot deactivate your own account; another administrator has to.</source>
        <translation>Das eigene Konto lässt sich nicht deaktivieren; das muss eine andere Person mit Administrationsrechten tun.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The input was not accepted; nothing was changed.</source>
        <translation>Die Eingabe wurde nicht angenommen; nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>It does not exist (any more).</source>
        <translation>Das gibt es nicht (mehr).</translation>
    </message>
</context>
<context>
    <name>AdministrationWorkspace</name>
    <message>
        <location filename="../../backoffice/ui/admin/workspace.py" line="+126"/>
        <source>&amp;Administration</source>
        <extracomment>The pages, in tab order; each shown to the roles with its permission. What any administration page needs (the workspace is offered with one of them). The open template editors, by service key (one per service).</extracomment>
        <translation>&amp;Verwaltung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Services and their versions, users, the portal connection, the audit trail</source>
        <translation>Dienste und ihre Fassungen, Benutzer, Portalverbindung, Prüfprotokoll</translation>
    </message>
</context>
<context>
    <name>ApprovalPanel</name>
    <message>
        <location filename="../../backoffice/ui/case/approval.py" line="+57"/>
        <source>&amp;Approve</source>
        <extracomment>The request was approved, refused or withdrawn: the case should be read again. A short confirmation for the status bar. A call failed (the error; the case view shows it and reads the case again). The reason dialog while it is open.</extracomment>
        <translation>&amp;Freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Carry out the step as requested</source>
        <translation>Den Schritt wie beantragt ausführen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;fuse…</source>
        <translation>&amp;Ablehnen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refuse the step; the requester is told why</source>
        <translation>Den Schritt ablehnen; die antragstellende Person erfährt den Grund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Withdraw request</source>
        <translation>Antrag &amp;zurückziehen</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Waiting for approval: you asked on {when} to {step}. A second person with the right to approve must agree before it takes effect.</source>
        <translation>Wartet auf Freigabe: Sie haben am {when} beantragt, {step}. Eine zweite Person mit Freigaberecht muss zustimmen, bevor es wirksam wird.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Approval needed: {who} asked on {when} to {step}. It takes effect when you approve it.</source>
        <translation>Freigabe nötig: {who} hat am {when} beantragt, {step}. Es wird wirksam, sobald Sie es freigeben.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for approval: {who} asked on {when} to {step}; a team lead decides.</source>
        <translation>Wartet auf Freigabe: {who} hat am {when} beantragt, {step}; eine Teamleitung entscheidet.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Comment: {text}</source>
        <translation>Kommentar: {text}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message to the applicant: {text}</source>
        <translation>Nachricht an die antragstellende Person: {text}</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>move the case from “{source}” to “{target}”</source>
        <translation>den Fall von „{source}“ nach „{target}“ zu setzen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Approval requested: the step takes effect once a second person agrees.</source>
        <translation>Freigabe beantragt: Der Schritt wird wirksam, sobald eine zweite Person zustimmt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Approved: {file} has moved on.</source>
        <translation>Freigegeben: {file} ist weitergerückt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refuse the request</source>
        <translation>Antrag ablehnen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{who} asked to {step}. Why not?</source>
        <translation>{who} hat beantragt, {step}. Warum nicht?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refuse</source>
        <translation>Ablehnen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Refused; {who} is told why.</source>
        <translation>Abgelehnt; {who} erfährt den Grund.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Your request has been withdrawn.</source>
        <translation>Ihr Antrag wurde zurückgezogen.</translation>
    </message>
</context>
<context>
    <name>AssignDialog</name>
    <message>
        <location filename="../../backoffice/ui/case/dialogs.py" line="+302"/>
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
    <name>AssignManyDialog</name>
    <message>
        <location filename="../../backoffice/ui/inbox/bulk_dialogs.py" line="+130"/>
        <source>Assign cases</source>
        <translation>Fälle zuweisen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Who should work on the %n selected case(s)?</source>
        <translation>
            <numerusform>Wer soll %n ausgewählten Fall bearbeiten?</numerusform>
            <numerusform>Wer soll die %n ausgewählten Fälle bearbeiten?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Assign to</source>
        <translation>Zuweisen an</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Please choose a person.</source>
        <translation>Bitte wählen Sie eine Person.</translation>
    </message>
</context>
<context>
    <name>AttachmentsSection</name>
    <message>
        <location filename="../../backoffice/ui/case/attachments.py" line="+86"/>
        <source>File</source>
        <extracomment>A short confirmation for the status bar. An attachment was read (the case&apos;s history has a new entry). Private folders holding copies opened with the system&apos;s viewer (removed at exit). Where &quot;open with the system&apos;s viewer&quot; makes its folders (None: the system&apos;s). The save dialog while it is open. The warning before opening a suspicious file, while it is open.</extracomment>
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
        <location line="+16"/>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show the file here (Enter); the case history records that you looked at it</source>
        <translation>Datei hier anzeigen (Eingabetaste); der Verlauf des Falls hält fest, dass Sie sie angesehen haben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a copy of the file</source>
        <translation>Eine Kopie der Datei speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open with system viewer</source>
        <translation>Mit Standardprogramm öffnen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open a copy with the program your computer uses for this kind of file</source>
        <translation>Eine Kopie mit dem Programm öffnen, das Ihr Computer für diese Dateiart verwendet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>This application has no attachments.</source>
        <translation>Dieser Antrag hat keine Anlagen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+71"/>
        <source>Select an attachment and choose Preview.</source>
        <translation>Wählen Sie eine Anlage und dann „Vorschau“.</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>{name}
stored as {safe_name}</source>
        <translation>{name}
gespeichert als {safe_name}</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Check of {name}: {result}</source>
        <translation>Prüfung von {name}: {result}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Be careful with this file: open it only if you trust where it came from.</source>
        <translation>Vorsicht mit dieser Datei: Öffnen Sie sie nur, wenn Sie der Herkunft vertrauen.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Loading {name}…</source>
        <translation>{name} wird geladen…</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The attachment could not be read.</source>
        <translation>Die Anlage konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Save attachment</source>
        <translation>Anlage speichern</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Saved as {path}.</source>
        <translation>Gespeichert als {path}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The name was changed so that it is safe and replaces no other file.</source>
        <translation>Der Name wurde angepasst, damit er unbedenklich ist und keine andere Datei ersetzt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The attachment could not be saved.</source>
        <translation>Die Anlage konnte nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Open attachment</source>
        <translation>Anlage öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{name}: {result}.</source>
        <translation>{name}: {result}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is not what it claims to be, or its type is unknown. Another program may treat it differently than you expect. Open it only if you trust it.</source>
        <translation>Die Datei ist nicht, was sie vorgibt zu sein, oder ihr Typ ist unbekannt. Ein anderes Programm behandelt sie womöglich anders als erwartet. Öffnen Sie sie nur, wenn Sie ihr vertrauen.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Open anyway</source>
        <translation>Trotzdem öffnen</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Opened {name}.</source>
        <translation>{name} geöffnet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No program is set up to open {name}. Use Save as… instead.</source>
        <translation>Für {name} ist kein Programm eingerichtet. Verwenden Sie stattdessen „Speichern unter…“.</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../backoffice/ui/admin/audit_page.py" line="-277"/>
        <source>&amp;Verify the chains</source>
        <translation>Ketten &amp;prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recompute every case&apos;s hash chain and the administration&apos;s: a changed or removed entry shows</source>
        <translation>Die Hash-Kette jedes Falls und die der Verwaltung neu berechnen: ein geänderter oder entfernter Eintrag fällt auf</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The administration&apos;s history</source>
        <translation>Verlauf der Verwaltung</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+30"/>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+30"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+30"/>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>Subject</source>
        <translation>Betrifft</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+29"/>
        <source>Details</source>
        <translation>Einzelheiten</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>The history of a case</source>
        <translation>Verlauf eines Falls</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>File number, e.g. GEB-2026-000017</source>
        <translation>Aktenzeichen, z. B. GEB-2026-000017</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>S&amp;how</source>
        <translation>&amp;Zeigen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Double-click to open the case</source>
        <translation>Doppelklick öffnet den Fall</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Reads (opening the case, viewing a document) come from the read log; they are not part of the case&apos;s chain.</source>
        <translation>Lesezugriffe (Fall geöffnet, Dokument angesehen) stammen aus dem Leseprotokoll; sie gehören nicht zur Kette des Falls.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Audit trail</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>The case&apos;s chain is intact.</source>
        <translation>Die Kette des Falls ist unversehrt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case&apos;s chain is broken: {link}</source>
        <translation>Die Kette des Falls ist beschädigt: {link}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No case with this file number. ({detail})</source>
        <translation>Kein Fall mit diesem Aktenzeichen. ({detail})</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Verifying the chains…</source>
        <translation>Die Ketten werden geprüft …</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%v of %m cases</source>
        <translation>%v von %m Fällen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Stopped after {checked} of {total} cases; nothing is said about the rest.</source>
        <translation>Nach {checked} von {total} Fällen angehalten; über die übrigen ist nichts gesagt.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Intact: %n case chain(s) and the administration&apos;s trail.</source>
        <translation>
            <numerusform>Unversehrt: %n Fallkette und das Protokoll der Verwaltung.</numerusform>
            <numerusform>Unversehrt: %n Fallketten und das Protokoll der Verwaltung.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The audit trail is damaged:</source>
        <translation>Das Protokoll ist beschädigt:</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>… and %n more case(s)</source>
        <translation>
            <numerusform>… und %n weiterer Fall</numerusform>
            <numerusform>… und %n weitere Fälle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The administration&apos;s trail, entry {seq}: {reason}</source>
        <translation>Protokoll der Verwaltung, Eintrag {seq}: {reason}</translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message>
        <location filename="../../backoffice/ui/inbox/bulk.py" line="+137"/>
        <source>&amp;Assign selected…</source>
        <extracomment>A short confirmation for the status bar. A bulk action has ended (its result; the result dialog is open). The dialog open now (a question or the result), if any.</extracomment>
        <translation>Ausgewählte &amp;zuweisen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Take over selected…</source>
        <translation>Ausgewählte &amp;übernehmen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Release selected…</source>
        <translation>Ausgewählte &amp;freigeben …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Change &amp;status of selected…</source>
        <translation>&amp;Status der ausgewählten ändern …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create &amp;certificates for selected</source>
        <translation>&amp;Bescheinigungen für ausgewählte erstellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Print the letters of selected…</source>
        <translation>&amp;Briefe der ausgewählten drucken…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the letters waiting in the print queue for the selected cases</source>
        <translation>Die Briefe drucken, die für die ausgewählten Fälle in der Druckwarteschlange liegen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Assign…</source>
        <extracomment>Prints the selected cases&apos; letters (its print dialog is the seam for tests).</extracomment>
        <translation>Zuweisen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take over…</source>
        <translation>Übernehmen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release…</source>
        <translation>Freigeben …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status…</source>
        <translation>Status …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificates</source>
        <translation>Bescheinigungen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print…</source>
        <translation>Drucken…</translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%n case(s) selected</source>
        <translation>
            <numerusform>%n Fall ausgewählt</numerusform>
            <numerusform>%n Fälle ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Take over cases</source>
        <translation>Fälle übernehmen</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>You take over the %n selected case(s) from whoever holds them.</source>
        <translation>
            <numerusform>Sie übernehmen %n ausgewählten Fall von der Person, die ihn bearbeitet.</numerusform>
            <numerusform>Sie übernehmen die %n ausgewählten Fälle von den Personen, die sie bearbeiten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Take over</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Release cases</source>
        <translation>Fälle freigeben</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Nobody will hold the %n selected case(s) afterwards.</source>
        <translation>
            <numerusform>Den %n ausgewählten Fall bearbeitet danach niemand.</numerusform>
            <numerusform>Die %n ausgewählten Fälle bearbeitet danach niemand.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>{done} done, {refused} refused.</source>
        <translation>{done} erledigt, {refused} abgelehnt.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>you said they did not come out correctly</source>
        <translation>laut Ihrer Antwort nicht richtig gedruckt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>printing was cancelled</source>
        <translation>Drucken abgebrochen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>printing failed</source>
        <translation>Drucken fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>BulkBar</name>
    <message>
        <location line="-387"/>
        <source>Cancel</source>
        <extracomment>One call per case: the work can be stopped between any two cases.</extracomment>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after the case being worked on; the rest stay as they are</source>
        <translation>Nach dem gerade bearbeiteten Fall aufhören; die übrigen bleiben, wie sie sind</translation>
    </message>
</context>
<context>
    <name>BulkResult</name>
    <message>
        <location filename="../../backoffice/ui/bulk_result.py" line="+41"/>
        <source>The case no longer exists.</source>
        <extracomment>Codes whose English detail adds what the code alone does not say.</extracomment>
        <translation>Diesen Fall gibt es nicht mehr.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>You are not allowed to do that with this case.</source>
        <translation>Das dürfen Sie mit diesem Fall nicht tun.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The case is closed already.</source>
        <translation>Der Fall ist bereits abgeschlossen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Someone else changed the case meanwhile.</source>
        <translation>Jemand anderes hat den Fall inzwischen geändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Someone else holds the case.</source>
        <translation>Jemand anderes bearbeitet den Fall.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This status change is not possible for this case.</source>
        <translation>Dieser Statuswechsel ist für diesen Fall nicht möglich.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Something the step needs is missing.</source>
        <translation>Für diesen Schritt fehlt etwas.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This step needs a second person&apos;s approval: request it on the case.</source>
        <translation>Dieser Schritt braucht die Freigabe durch eine zweite Person: Beantragen Sie sie am Fall.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The message to the applicant could not be prepared.</source>
        <translation>Die Nachricht an die antragstellende Person konnte nicht vorbereitet werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The input was not accepted.</source>
        <translation>Die Eingabe wurde nicht angenommen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The database failed for this case; nothing was changed.</source>
        <translation>Die Datenbank hat bei diesem Fall versagt; nichts wurde geändert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No letter of this case waits in the print queue.</source>
        <translation>Für diesen Fall liegt kein Brief in der Druckwarteschlange.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not marked printed; its letters stay in the print queue.</source>
        <translation>Nicht als gedruckt vermerkt; seine Briefe bleiben in der Druckwarteschlange.</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+2"/>
        <source>Refused.</source>
        <translation>Abgelehnt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Take over</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Release</source>
        <translation>Freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change status</source>
        <translation>Status ändern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create certificates</source>
        <translation>Bescheinigungen erstellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print letters</source>
        <translation>Briefe drucken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases moved for an absence</source>
        <translation>Wegen Abwesenheit verschobene Fälle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases given back</source>
        <translation>Zurückgegebene Fälle</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>now with {name}</source>
        <translation>jetzt bei {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>assigned</source>
        <translation>zugewiesen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>released</source>
        <translation>freigegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>status changed</source>
        <translation>Status geändert</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>certificate created</source>
        <translation>Bescheinigung erstellt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 letter printed</source>
        <translation>1 Brief gedruckt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{n} letters printed</source>
        <translation>{n} Briefe gedruckt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>case #{id}</source>
        <translation>Fall Nr. {id}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{action}: {done} done, {refused} refused</source>
        <translation>{action}: {done} erledigt, {refused} abgelehnt</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Done ({n}):</source>
        <translation>Erledigt ({n}):</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Refused ({n}):</source>
        <translation>Abgelehnt ({n}):</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No case was selected.</source>
        <translation>Es war kein Fall ausgewählt.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>{done} done, {refused} refused</source>
        <translation>{done} erledigt, {refused} abgelehnt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(cancelled: the other cases were not touched)</source>
        <translation>(abgebrochen: die übrigen Fälle blieben unberührt)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy the report to the clipboard</source>
        <translation>Den Bericht in die Zwischenablage kopieren</translation>
    </message>
</context>
<context>
    <name>CaseActionBar</name>
    <message>
        <location filename="../../backoffice/ui/case/action_bar.py" line="+68"/>
        <source>&amp;Take case</source>
        <extracomment>The clerk chose a status change (its target :class:`Status`).</extracomment>
        <translation>Fall &amp;übernehmen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Take this case: you work on it ({key})</source>
        <translation>Diesen Fall übernehmen: Sie bearbeiten ihn ({key})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Release case</source>
        <translation>Fall &amp;freigeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the case back: nobody works on it</source>
        <translation>Den Fall zurückgeben: Danach bearbeitet ihn niemand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Assign…</source>
        <translation>&amp;Zuweisen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose who works on this case</source>
        <translation>Festlegen, wer diesen Fall bearbeitet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change &amp;status…</source>
        <translation>&amp;Status ändern…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Move the case to another status ({key})</source>
        <translation>Den Fall in einen anderen Status setzen ({key})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add &amp;note</source>
        <translation>&amp;Notiz hinzufügen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Create &amp;certificate</source>
        <translation>&amp;Bescheinigung erstellen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create the certificate of this case as a PDF ({key})</source>
        <translation>Die Bescheinigung zu diesem Fall als PDF erstellen ({key})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Finish…</source>
        <translation>&amp;Erledigen…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Create the certificate, check it and the message, complete the case and send both to the applicant ({key})</source>
        <translation>Bescheinigung erstellen, sie und die Nachricht prüfen, den Fall abschließen und beides an die antragstellende Person senden ({key})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Write to the applicant…</source>
        <translation>An Antragsteller &amp;schreiben…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A message to the applicant without a status change ({key})</source>
        <translation>Eine Nachricht an die antragstellende Person ohne Statuswechsel ({key})</translation>
    </message>
    <message>
        <location line="+81"/>
        <source>New status: {status}</source>
        <translation>Neuer Status: {status}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not possible yet: needs {what}.</source>
        <translation>Noch nicht möglich: erfordert {what}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not possible yet: tick on the checklist: {items}.</source>
        <translation>Noch nicht möglich: auf der Checkliste abhaken: {items}.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>“{action}” after ticking on the checklist: {items}.</source>
        <translation>„{action}“ erst nach dem Abhaken auf der Checkliste: {items}.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Create the certificate to be able to complete the case.</source>
        <translation>Erstellen Sie die Bescheinigung, um den Fall abschließen zu können.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Completing needs a certificate, which has not been created yet.</source>
        <translation>Zum Abschließen ist eine Bescheinigung nötig; sie wurde noch nicht erstellt.</translation>
    </message>
    <message>
        <location line="+5"/>
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
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <location filename="../../backoffice/ui/case/header.py" line="+52"/>
        <source>Identification</source>
        <extracomment>The longest unbroken run the subtitle shows whole (about a third of a narrow panel).</extracomment>
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
        <location line="+22"/>
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
        <location filename="../../backoffice/ui/case/view.py" line="+106"/>
        <source>Select a case in the list.</source>
        <extracomment>How long a case may take to load before the panel says it is loading. A case was changed from here (the new :class:`CaseRow`). A change from here met a concurrent change (case id). A case has been shown (its file number). A short confirmation for the status bar. Show this letter (document id) in the print queue: the seam for the print queue workspace, which connects here and calls ``messages.offer_letters()``. The words of status changes that were refused, by (case id, target status). The document to select once the case has been read again (just created). The dialog currently open (a status change or an assignment), if any.</extracomment>
        <translation>Wählen Sie einen Fall in der Liste aus.</translation>
    </message>
    <message>
        <location line="+58"/>
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
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments</source>
        <translation>Anlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation>Dokumente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>Hinweise</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Loading case…</source>
        <translation>Fall wird geladen…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The case could not be opened.</source>
        <translation>Der Fall konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Attachments ({n})</source>
        <translation>Anlagen ({n})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Documents ({n})</source>
        <translation>Dokumente ({n})</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Checklist ({done}/{total})</source>
        <translation>Checkliste ({done}/{total})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Messages ({n})</source>
        <translation>Nachrichten ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>History ({n})</source>
        <translation>Verlauf ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notes ({n})</source>
        <translation>Notizen ({n})</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Checklist item ticked.</source>
        <translation>Punkt der Checkliste abgehakt.</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checklist item unticked.</source>
        <translation>Haken in der Checkliste entfernt.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>You took case {file}.</source>
        <translation>Sie haben den Fall {file} übernommen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Case {file} released.</source>
        <translation>Fall {file} freigegeben.</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Case {file} assigned.</source>
        <translation>Fall {file} zugewiesen.</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>Case {file}: status changed.</source>
        <translation>Fall {file}: Status geändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case {file}: status changed, without a message to the applicant.</source>
        <translation>Fall {file}: Status geändert, ohne Nachricht an die antragstellende Person.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Certificate for {file} created (verification code {code}).</source>
        <translation>Bescheinigung zu {file} erstellt (Prüfcode {code}).</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Note saved.</source>
        <translation>Notiz gespeichert.</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>{who} took this case just before you.</source>
        <translation>{who} hat diesen Fall gerade vor Ihnen übernommen.</translation>
    </message>
</context>
<context>
    <name>CertificateSection</name>
    <message>
        <location filename="../../backoffice/ui/admin/editor/sections.py" line="+1024"/>
        <source>This service issues a document when a case is completed</source>
        <translation>Diese Leistung stellt beim Abschluss eines Falls ein Dokument aus</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Layout:</source>
        <translation>Layout:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Title:</source>
        <translation>Titel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed text (optional):</source>
        <translation>Fester Text (optional):</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>This layout also prints: {fields}.</source>
        <translation>Dieses Layout druckt außerdem: {fields}.</translation>
    </message>
</context>
<context>
    <name>ChecklistSection</name>
    <message>
        <location line="-332"/>
        <source>Item key</source>
        <translation>Schlüssel des Punkts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Needed before</source>
        <translation>Nötig vor</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The selected item is needed before the status</source>
        <translation>Der gewählte Punkt ist nötig vor dem Status</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>The clerk ticks these on each case (who and when is recorded). A case can enter a status the item is needed before only when the item is ticked; items needed before none are reminders. Keys stay the same once cases use them.</source>
        <extracomment>One check box per status an item can be needed before (all but &quot;received&quot;).</extracomment>
        <translation>Die Sachbearbeitung hakt diese Punkte an jedem Vorgang ab (wer und wann, wird festgehalten). Einen Status, vor dem ein Punkt nötig ist, kann ein Vorgang erst erreichen, wenn der Punkt abgehakt ist; Punkte ohne solchen Status sind Erinnerungen. Schlüssel bleiben gleich, sobald Vorgänge sie verwenden.</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/case/sections.py" line="+321"/>
        <source>Only whoever works on the case can tick its checklist.</source>
        <extracomment>The clerk ticked (True) or unticked (False) the item with this key. The check boxes by item key (for tests).</extracomment>
        <translation>Nur wer den Vorgang bearbeitet, kann seine Checkliste abhaken.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Ticked by {who} on {when}</source>
        <translation>Abgehakt von {who} am {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not ticked yet</source>
        <translation>Noch nicht abgehakt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Needed before the status: {statuses}</source>
        <translation>Nötig vor dem Status: {statuses}</translation>
    </message>
</context>
<context>
    <name>DashboardExports</name>
    <message>
        <location filename="../../backoffice/ui/dashboard/export.py" line="+57"/>
        <source>Export figures as &amp;CSV…</source>
        <extracomment>A short confirmation or failure for the status bar. A file was written (its path). The file dialog while it is open.</extracomment>
        <translation>Zahlen als &amp;CSV exportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the figures shown as a CSV file</source>
        <translation>Die angezeigten Zahlen als CSV-Datei speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;PDF report…</source>
        <translation>&amp;PDF-Bericht …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save the figures shown as a one-page PDF report</source>
        <translation>Die angezeigten Zahlen als einseitigen PDF-Bericht speichern</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export figures as CSV</source>
        <translation>Zahlen als CSV exportieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV-Dateien (*.csv)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Save the PDF report</source>
        <translation>PDF-Bericht speichern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF-Dateien (*.pdf)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>team-figures-{date}</source>
        <translation>teamzahlen-{date}</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Figures saved to {path}.</source>
        <translation>Zahlen gespeichert unter {path}.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The file could not be written: {reason}</source>
        <translation>Die Datei konnte nicht geschrieben werden: {reason}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The figures could not be exported.</source>
        <translation>Die Zahlen konnten nicht exportiert werden.</translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/dashboard/panel.py" line="+86"/>
        <source>last %n week(s)</source>
        <extracomment>Age bands from fresh (green) to old (red). The periods a team lead can choose (weeks). Show these cases in the inbox (a CaseFilter, what they are called). A new set of figures is shown.</extracomment>
        <translation>
            <numerusform>letzte %n Woche</numerusform>
            <numerusform>letzte %n Wochen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The period of the weekly figures and the lead times</source>
        <translation>Der Zeitraum der Wochenzahlen und Durchlaufzeiten</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+220"/>
        <source>Received and closed per week</source>
        <translation>Eingegangen und abgeschlossen je Woche</translation>
    </message>
    <message>
        <location line="-211"/>
        <location line="+289"/>
        <source>Lead time (working days)</source>
        <translation>Durchlaufzeit (Arbeitstage)</translation>
    </message>
    <message>
        <location line="-279"/>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Click a person to list their open cases</source>
        <translation>Eine Person anklicken, um ihre offenen Fälle zu zeigen</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Period:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+35"/>
        <source>Loading the figures…</source>
        <translation>Die Zahlen werden berechnet …</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>The figures could not be computed.</source>
        <translation>Die Zahlen konnten nicht berechnet werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>All services shown</source>
        <translation>Alle angezeigten Dienste</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>As of {when} · weekly figures and lead times since {start} · forecast up to {horizon} ({days} working days)</source>
        <translation>Stand {when} · Wochenzahlen und Durchlaufzeiten seit {start} · Prognose bis {horizon} ({days} Arbeitstage)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{what}: {services}</source>
        <translation>{what}: {services}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Minimum group size {n} by service agreement {ref}.</source>
        <translation>Mindestgruppengröße {n} laut Dienstvereinbarung {ref}.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>{n} open</source>
        <translation>{n} offen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>No open case.</source>
        <translation>Kein offener Fall.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>No case is overdue.</source>
        <translation>Kein Fall ist überfällig.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{received} received · {closed} closed</source>
        <translation>{received} eingegangen · {closed} abgeschlossen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Received in the period</source>
        <translation>Im Zeitraum eingegangen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>wk {n}</source>
        <translation>KW {n}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Received</source>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Will miss the deadline</source>
        <translation>Frist wird verfehlt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>At the current pace every deadline up to {day} is met.</source>
        <translation>Beim aktuellen Tempo wird jede Frist bis {day} eingehalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cases due up to {day} that the current pace will not reach.</source>
        <translation>Fälle mit Frist bis {day}, die das aktuelle Tempo nicht rechtzeitig schafft.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>No case closed in the period</source>
        <translation>Kein Fall im Zeitraum abgeschlossen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>median {median} · 90th percentile {p90}</source>
        <translation>Median {median} · 90. Perzentil {p90}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Closed in the period</source>
        <translation>Im Zeitraum abgeschlossen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Median</source>
        <translation>Median</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>90th percentile</source>
        <translation>90. Perzentil</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>No case closed in the period: {services}</source>
        <translation>Kein Fall im Zeitraum abgeschlossen: {services}</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n person(s) hold work</source>
        <translation>
            <numerusform>%n Person hat Fälle</numerusform>
            <numerusform>%n Personen haben Fälle</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{n} open cases assigned; nobody is ranked, nothing from the past.</source>
        <translation>{n} offene Fälle zugewiesen; keine Rangfolge, nichts aus der Vergangenheit.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Open cases of {name}</source>
        <translation>Offene Fälle von {name}</translation>
    </message>
</context>
<context>
    <name>DashboardWorkspace</name>
    <message>
        <location filename="../../backoffice/ui/dashboard/workspace.py" line="+54"/>
        <source>&amp;Absences and deputies…</source>
        <extracomment>Tables whose changes move the figures. The absence dialog while it is open.</extracomment>
        <translation>&amp;Abwesenheiten und Vertretungen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mark a clerk absent, with a deputy; give cases back afterwards</source>
        <translation>Abwesenheit mit Vertretung eintragen; Fälle danach zurückgeben</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Team</source>
        <translation>&amp;Team</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Team dashboard</source>
        <translation>&amp;Team-Übersicht</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The team&apos;s figures: open, overdue, inflow, lead times, forecast</source>
        <translation>Die Zahlen des Teams: offen, überfällig, Eingang, Durchlaufzeiten, Prognose</translation>
    </message>
</context>
<context>
    <name>DatabasePage</name>
    <message>
        <location filename="../../backoffice/ui/setup/pages.py" line="-104"/>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where the cases are kept.</source>
        <translation>Wo die Vorgänge gespeichert werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This computer only</source>
        <translation>Nur dieser Computer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A team&apos;s PostgreSQL database</source>
        <translation>Eine gemeinsame PostgreSQL-Datenbank des Teams</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>A database file in {folder}.</source>
        <translation>Eine Datenbankdatei in {folder}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Ask your IT for the address. A password does not belong in it: it goes into ~/.pgpass.</source>
        <translation>Die Adresse erhalten Sie von Ihrer IT. Ein Passwort gehört nicht hinein, sondern in ~/.pgpass.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Test connection</source>
        <translation>Verbindung prüfen</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Connected: {what}</source>
        <translation>Verbunden: {what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>It has users already: this computer joins the team.</source>
        <translation>Sie hat schon Benutzer: Dieser Computer schließt sich dem Team an.</translation>
    </message>
</context>
<context>
    <name>DeliveryPanel</name>
    <message>
        <location filename="../../backoffice/ui/delivery/panel.py" line="+80"/>
        <source>Arrived</source>
        <extracomment>A new overview arrived (:class:`DeliveryOverview`), e.g. for the status bar. The clerk wants to open a case (its id), e.g. from a waiting message. A short confirmation for the status bar (e.g. letters printed).</extracomment>
        <translation>Eingegangen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Part</source>
        <translation>Teil</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Detail</source>
        <translation>Einzelheit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submission</source>
        <translation>Einreichung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>File number</source>
        <translation>Aktenzeichen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Next attempt</source>
        <translation>Nächster Versuch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Destination</source>
        <translation>Zustellpunkt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last success</source>
        <translation>Zuletzt erfolgreich</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Last attempt</source>
        <translation>Letzter Versuch</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the delivery state again</source>
        <translation>Den Zustellstand neu lesen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Select a rejected submission to see why it was rejected.</source>
        <translation>Wählen Sie eine abgelehnte Einreichung, um den Grund zu sehen.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Double-click a message to open its case</source>
        <translation>Doppelklick auf eine Nachricht öffnet ihren Fall</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Rejected submissions and waiting messages of all destinations.</source>
        <translation>Abgelehnte Einreichungen und wartende Nachrichten aller Zustellpunkte.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The delivery state could not be read.</source>
        <translation>Der Zustellstand konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rejected ({n})</source>
        <translation>Abgelehnt ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rejected</source>
        <translation>Abgelehnt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Outbox ({n})</source>
        <translation>Postausgang ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetches</source>
        <translation>Abrufe</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Held ({n})</source>
        <translation>Zurückgehalten ({n})</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Held</source>
        <translation>Zurückgehalten</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Part: {part}</source>
        <translation>Teil: {part}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Technical detail: {detail}</source>
        <translation>Technische Einzelheit: {detail}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Arrived: {when}</source>
        <translation>Eingegangen: {when}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service: {service}</source>
        <translation>Leistung: {service}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Applicant&apos;s reply address: {address}</source>
        <translation>Antwortadresse der antragstellenden Person: {address}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submission: {id}</source>
        <translation>Einreichung: {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portal case: {id}</source>
        <translation>Vorgang im Portal: {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination: {id}</source>
        <translation>Zustellpunkt: {id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The portal is told that this submission was rejected and why (see the outbox while that message waits); the applicant sees it there and can submit again. No case was created.</source>
        <translation>Das Portal erfährt, dass diese Einreichung abgelehnt wurde und warum (solange die Nachricht wartet, steht sie im Postausgang); die antragstellende Person sieht es dort und kann erneut einreichen. Es wurde kein Fall angelegt.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>none (a person must look at it)</source>
        <translation>keiner (muss von Hand geprüft werden)</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{new} new, {rejected} rejected, {skipped} postponed</source>
        <translation>{new} neu, {rejected} abgelehnt, {skipped} zurückgestellt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(stopped)</source>
        <translation>(angehalten)</translation>
    </message>
</context>
<context>
    <name>DeliveryWorkspace</name>
    <message>
        <location filename="../../backoffice/ui/delivery/workspace.py" line="+45"/>
        <source>&amp;Delivery and portal</source>
        <extracomment>Tables whose changes the delivery panel (and the status bar) show.</extracomment>
        <translation>&amp;Zustellung und Portal</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rejected submissions, waiting messages, fetches and letters to print</source>
        <translation>Abgelehnte Einreichungen, wartende Nachrichten, Abrufe und zu druckende Briefe</translation>
    </message>
</context>
<context>
    <name>Diff</name>
    <message>
        <location filename="../../backoffice/ui/admin/diff.py" line="+62"/>
        <source>Form fields</source>
        <extracomment>The areas in the order shown; the domain&apos;s &quot;other&quot; holds the certificate layout too. Background of the left and right cell per kind of change (light, readable on white).</extracomment>
        <translation>Formularfelder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workflow</source>
        <translation>Arbeitsablauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Texts</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate layout</source>
        <translation>Urkundenlayout</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Processing deadline</source>
        <translation>Bearbeitungsfrist</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee</source>
        <translation>Gebühr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Other settings</source>
        <translation>Weitere Einstellungen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <translation>entfernt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>changed</source>
        <translation>geändert</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>label</source>
        <translation>Beschriftung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>required</source>
        <translation>Pflichtangabe</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>maximum length</source>
        <translation>Höchstlänge</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>choices</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>position</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>needed before</source>
        <translation>nötig vor</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>nothing (no version live)</source>
        <translation>nichts (keine Version gültig)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>published</source>
        <translation>veröffentlicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ended</source>
        <translation>beendet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{state}, live today</source>
        <translation>{state}, heute gültig</translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message>
        <location line="+33"/>
        <source>Differences: {service}</source>
        <translation>Unterschiede: {service}</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Left the older version, right the newer one; an added entry is empty on the left, a removed one on the right.</source>
        <translation>Links die ältere Version, rechts die neuere; ein hinzugefügter Eintrag ist links leer, ein entfernter rechts.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Compare</source>
        <translation>Vergleiche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>with</source>
        <translation>mit</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Reading the versions…</source>
        <translation>Die Versionen werden gelesen …</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The two versions do not differ.</source>
        <translation>Die beiden Versionen unterscheiden sich nicht.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n change(s): </source>
        <translation>
            <numerusform>%n Änderung: </numerusform>
            <numerusform>%n Änderungen: </numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>{added} added, {removed} removed, {changed} changed</source>
        <translation>{added} hinzugefügt, {removed} entfernt, {changed} geändert</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The versions could not be compared.</source>
        <translation>Die Versionen konnten nicht verglichen werden.</translation>
    </message>
</context>
<context>
    <name>DocumentsSection</name>
    <message>
        <location filename="../../backoffice/ui/case/documents.py" line="+80"/>
        <source>Creating the certificate…</source>
        <extracomment>A short confirmation for the status bar. The save dialog while it is open.</extracomment>
        <translation>Bescheinigung wird erstellt…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification code</source>
        <translation>Prüfcode</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Save as…</source>
        <translation>Speichern unter…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save a copy of the PDF</source>
        <translation>Eine Kopie des PDF speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No document has been created for this case yet.</source>
        <translation>Zu diesem Fall wurde noch kein Dokument erstellt.</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>The documents could not be read.</source>
        <translation>Die Dokumente konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Anyone holding the paper can have it verified with this code.</source>
        <translation>Wer das Papier in Händen hält, kann es mit diesem Code prüfen lassen.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Certificate</source>
        <translation>Bescheinigung</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Loading the document…</source>
        <translation>Dokument wird geladen…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Save document</source>
        <translation>Dokument speichern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF-Dokumente (*.pdf)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Saved as {path}.</source>
        <translation>Gespeichert als {path}.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The document could not be saved: {error}</source>
        <translation>Das Dokument konnte nicht gespeichert werden: {error}</translation>
    </message>
</context>
<context>
    <name>EndDialog</name>
    <message>
        <location filename="../../backoffice/ui/admin/version_dialogs.py" line="+164"/>
        <source>End v{version}: {service}</source>
        <translation>v{version} beenden: {service}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>After the last day, the service takes no new applications under v{version} unless another version is published; its cases stay on it.</source>
        <translation>Nach dem letzten Tag nimmt die Leistung keine neuen Anträge unter v{version} mehr an, sofern keine andere Version veröffentlicht ist; ihre Fälle bleiben bei ihr.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>End version</source>
        <translation>Version beenden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../backoffice/ui/errors.py" line="+125"/>
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
        <location line="-91"/>
        <source>This status change needs these checklist items ticked: {items}.</source>
        <translation>Für diese Statusänderung müssen diese Punkte der Checkliste abgehakt sein: {items}.</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+3"/>
        <source>The message to the applicant names a value this case does not have; nothing was changed or sent.</source>
        <translation>Die Nachricht an die antragstellende Person nennt einen Wert, den dieser Fall nicht hat; nichts wurde geändert oder gesendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The configuration check found problems; the version was not published.</source>
        <translation>Die Konfigurationsprüfung hat Probleme gefunden; die Version wurde nicht veröffentlicht.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The validity period would overlap another version&apos;s; nothing was changed.</source>
        <translation>Der Gültigkeitszeitraum würde sich mit dem einer anderen Version überschneiden; es wurde nichts geändert.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The service has a draft already; publish or discard it first.</source>
        <translation>Die Leistung hat schon einen Entwurf; veröffentlichen oder verwerfen Sie ihn zuerst.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The file cannot be imported; nothing was stored.</source>
        <translation>Die Datei kann nicht importiert werden; es wurde nichts gespeichert.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The applicant cannot be reached by this channel (no address or key); nothing was changed or sent. Change the status without a message, or choose another channel.</source>
        <translation>Die antragstellende Person ist auf diesem Weg nicht erreichbar (keine Adresse oder kein Schlüssel); nichts wurde geändert oder gesendet. Ändern Sie den Status ohne Nachricht oder wählen Sie einen anderen Weg.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The database cannot be reached or is busy; nothing was changed. Check the network connection and try again.</source>
        <translation>Die Datenbank ist nicht erreichbar oder ausgelastet; es wurde nichts geändert. Bitte prüfen Sie die Netzwerkverbindung und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The database reported an error; nothing was changed. If it happens again, tell your IT support.</source>
        <translation>Die Datenbank hat einen Fehler gemeldet; es wurde nichts geändert. Wenn das wieder vorkommt, wenden Sie sich bitte an Ihre IT-Betreuung.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The action was refused.</source>
        <translation>Die Aktion wurde abgelehnt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An unexpected error occurred.</source>
        <translation>Ein unerwarteter Fehler ist aufgetreten.</translation>
    </message>
</context>
<context>
    <name>Figures</name>
    <message>
        <location filename="../../backoffice/ui/dashboard/texts.py" line="+19"/>
        <source>Open cases by age</source>
        <translation>Offene Fälle nach Alter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Inflow per week</source>
        <translation>Eingang je Woche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Closed per week</source>
        <translation>Abgeschlossen je Woche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead time, median</source>
        <translation>Durchlaufzeit, Median</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lead time, 90th percentile</source>
        <translation>Durchlaufzeit, 90. Perzentil</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Current pace</source>
        <translation>Aktuelles Tempo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deadline breaches forecast</source>
        <translation>Prognose der Fristüberschreitungen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open cases per person (the assignment list)</source>
        <translation>Offene Fälle je Person (die Zuweisungsliste)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cases not yet completed, rejected or withdrawn, per service, in four bands of age: 0-5, 6-10, 11-20 and over 20 working days since the day of receipt (Monday to Friday without the state&apos;s public holidays; time waiting for the citizen counts as age here). From the case list: date of receipt and status.</source>
        <translation>Fälle, die noch nicht erledigt, abgelehnt oder zurückgezogen sind, je Dienst, in vier Altersstufen: 0–5, 6–10, 11–20 und über 20 Arbeitstage seit dem Eingangstag (Montag bis Freitag ohne die Feiertage des Landes; Wartezeit auf die Bürgerin oder den Bürger zählt hier mit). Aus der Fallliste: Eingangsdatum und Status.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open cases whose processing deadline (working days after receipt, stopped while the case waits for the citizen) lay before today, per service. From the case list: the stored due date.</source>
        <translation>Offene Fälle, deren Bearbeitungsfrist (Arbeitstage nach Eingang, angehalten, solange der Fall auf die Bürgerin oder den Bürger wartet) vor heute lag, je Dienst. Aus der Fallliste: das gespeicherte Fristdatum.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cases received per calendar week (Monday to Sunday, Berlin time), per service, for the weeks of the period. From the case list: time of receipt.</source>
        <translation>Eingegangene Fälle je Kalenderwoche (Montag bis Sonntag, Berliner Zeit), je Dienst, für die Wochen des Zeitraums. Aus der Fallliste: Eingangszeit.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cases completed, rejected or withdrawn per calendar week, per service. From the case list: time of closing.</source>
        <translation>Erledigte, abgelehnte oder zurückgezogene Fälle je Kalenderwoche, je Dienst. Aus der Fallliste: Zeitpunkt des Abschlusses.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Of the cases closed in the period: the middle value of their lead times, in working days from the day of receipt to the day of closing, without the working days they waited for the citizen. From the case list and the status history.</source>
        <translation>Von den im Zeitraum abgeschlossenen Fällen: der mittlere Wert ihrer Durchlaufzeiten, in Arbeitstagen vom Eingangstag bis zum Abschlusstag, ohne die Arbeitstage, an denen sie auf die Bürgerin oder den Bürger warteten. Aus der Fallliste und dem Statusverlauf.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>As the median, but the lead time that nine in ten closed cases did not exceed (nearest-rank method).</source>
        <translation>Wie der Median, aber die Durchlaufzeit, die neun von zehn abgeschlossenen Fällen nicht überschritten (Nearest-Rank-Verfahren).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cases closed per working day over the last {weeks} weeks before today, per service (closed cases divided by the working days in those weeks).</source>
        <translation>Abgeschlossene Fälle je Arbeitstag in den letzten {weeks} Wochen vor heute, je Dienst (abgeschlossene Fälle geteilt durch die Arbeitstage dieser Wochen).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Open cases, not yet overdue and not waiting for the citizen, whose deadline falls within the next N working days and that the service will not reach in time at its current pace, per service. The forecast assumes the service works its open cases with a deadline in order of due date (overdue ones first) and closes as many per working day as its current pace; a case is a breach when its turn comes after its due date. With no case closed in the pace weeks, every such case counts.</source>
        <translation>Offene Fälle, noch nicht überfällig und nicht wartend, deren Frist in die nächsten N Arbeitstage fällt und die der Dienst beim aktuellen Tempo nicht rechtzeitig erreicht, je Dienst. Die Prognose nimmt an, dass der Dienst seine offenen Fälle mit Frist in der Reihenfolge der Fristen bearbeitet (überfällige zuerst) und je Arbeitstag so viele abschließt wie sein aktuelles Tempo; ein Fall überschreitet die Frist, wenn er erst nach seinem Fristdatum an der Reihe ist. Wurde in den Tempo-Wochen kein Fall abgeschlossen, zählt jeder solche Fall.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>For each person who holds open cases today: how many, listed by name (not ranked). It is the current assignment, as the inbox shows it; nothing from the past, no completed cases, no speed.</source>
        <translation>Für jede Person, die heute offene Fälle hat: wie viele, nach Namen geordnet (keine Rangfolge). Es ist die aktuelle Zuweisung, wie der Posteingang sie zeigt; nichts aus der Vergangenheit, keine erledigten Fälle, kein Tempo.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The staff of a service are the distinct user accounts that, in the period, recorded anything on one of its cases (claimed, assigned, released, changed a status, wrote a note, created a document), plus those who hold one of its open cases today. Actions of the program itself (intake, messages sent) do not count. When a service has fewer staff than the minimum group size (5 unless an administrator recorded a service agreement that allows a smaller group), every figure of that service is shown as &quot;suppressed&quot; (never as 0) and the service is left out of every total.</source>
        <translation>Die Beschäftigten eines Dienstes sind die verschiedenen Benutzerkonten, die im Zeitraum an einem seiner Fälle etwas vermerkt haben (übernommen, zugewiesen, freigegeben, Status geändert, Notiz geschrieben, Dokument erstellt), dazu die, die heute einen seiner offenen Fälle haben. Aktionen des Programms selbst (Eingang, versandte Nachrichten) zählen nicht. Hat ein Dienst weniger Beschäftigte als die Mindestgruppengröße (5, sofern eine Administratorin oder ein Administrator keine Dienstvereinbarung mit einer kleineren Gruppe hinterlegt hat), wird jede Zahl dieses Dienstes als „unterdrückt“ angezeigt (nie als 0), und der Dienst fließt in keine Summe ein.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>suppressed: fewer than {n} staff members</source>
        <translation>unterdrückt: weniger als {n} Beschäftigte</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>0–5 working days</source>
        <translation>0–5 Arbeitstage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>6–10 working days</source>
        <translation>6–10 Arbeitstage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>11–20 working days</source>
        <translation>11–20 Arbeitstage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>over 20 working days</source>
        <translation>über 20 Arbeitstage</translation>
    </message>
</context>
<context>
    <name>Findings</name>
    <message>
        <location filename="../../backoffice/ui/admin/findings.py" line="+35"/>
        <source>(the whole template)</source>
        <translation>(die ganze Vorlage)</translation>
    </message>
</context>
<context>
    <name>FindingsList</name>
    <message>
        <location line="+12"/>
        <source>Severity</source>
        <translation>Schwere</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Location</source>
        <translation>Stelle</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
</context>
<context>
    <name>FinishDialog</name>
    <message>
        <location filename="../../backoffice/ui/case/finish.py" line="+179"/>
        <source>Complete and send</source>
        <translation>Abschließen und senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Finish case</source>
        <translation>Fall erledigen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Certificate, verification code {code}</source>
        <translation>Bescheinigung, Prüfcode {code}</translation>
    </message>
</context>
<context>
    <name>FinishFlow</name>
    <message>
        <location line="+75"/>
        <source>Case {file}: the certificate had been created already; the case stays open.</source>
        <translation>Fall {file}: Die Bescheinigung war bereits erstellt; der Fall bleibt offen.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Case {file}: the certificate is kept; the case stays open.</source>
        <translation>Fall {file}: Die Bescheinigung bleibt erhalten; der Fall bleibt offen.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Case {file} completed; the message to the applicant is queued.</source>
        <translation>Fall {file} abgeschlossen; die Nachricht an die antragstellende Person ist zum Versand vorgemerkt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Case {file} completed, without a message to the applicant.</source>
        <translation>Fall {file} abgeschlossen, ohne Nachricht an die antragstellende Person.</translation>
    </message>
</context>
<context>
    <name>FinishProgressDialog</name>
    <message>
        <location line="-190"/>
        <source>Finish case</source>
        <extracomment>The phases :func:`prepare_finish` reports, in order.</extracomment>
        <translation>Fall erledigen</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Waiting for the database…</source>
        <translation>Warten auf die Datenbank…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Taking the case…</source>
        <translation>Fall wird übernommen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting work on the case…</source>
        <translation>Bearbeitung wird begonnen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Creating the certificate…</source>
        <translation>Bescheinigung wird erstellt…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the certificate…</source>
        <translation>Bescheinigung wird gelesen…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Preparing the preview…</source>
        <translation>Vorschau wird vorbereitet…</translation>
    </message>
</context>
<context>
    <name>FormSection</name>
    <message>
        <location filename="../../backoffice/ui/case/sections.py" line="-225"/>
        <source>Further data (not in the template&apos;s form)</source>
        <extracomment>At most this many fields unknown to the template are shown (the rest are counted). The value widgets by (group, field) (group &quot;&quot; for data outside the template&apos;s groups), for tests and for copying.</extracomment>
        <translation>Weitere Angaben (nicht im Formular der Vorlage)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>… and {n} more</source>
        <translation>… und {n} weitere</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/admin/editor/sections.py" line="-427"/>
        <source>Group key</source>
        <translation>Gruppenschlüssel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Field key</source>
        <translation>Feldschlüssel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Required</source>
        <translation>Pflichtfeld</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Max. length</source>
        <translation>Max. Länge</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>value | German | English</source>
        <translation>Wert | Deutsch | Englisch</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Options of the selected choice field, one per line: value | German | English</source>
        <translation>Auswahlmöglichkeiten des gewählten Auswahlfelds, eine je Zeile: Wert | Deutsch | Englisch</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The group “{group}” with the fields {fields} is required: the inbox, the search and every letter use them.</source>
        <translation>Die Gruppe „{group}“ mit den Feldern {fields} ist Pflicht: Posteingang, Suche und alle Briefe verwenden sie.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Field groups</source>
        <translation>Feldgruppen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fields of the selected group</source>
        <translation>Felder der gewählten Gruppe</translation>
    </message>
</context>
<context>
    <name>GeneralSection</name>
    <message>
        <location line="-188"/>
        <source>Confirmed in a source</source>
        <translation>In einer Quelle bestätigt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offered (unticked: retired, kept for old cases)</source>
        <translation>Angeboten (nicht angehakt: eingestellt, bleibt für alte Fälle erhalten)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> working days</source>
        <translation> Arbeitstage</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> years after closing</source>
        <translation> Jahre nach Abschluss</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Service key:</source>
        <translation>Leistungsschlüssel:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description for clerks:</source>
        <translation>Beschreibung für die Sachbearbeitung:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File number prefix:</source>
        <translation>Präfix des Aktenzeichens:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>LeiKa identifier:</source>
        <translation>LeiKa-Schlüssel:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Processing time:</source>
        <translation>Bearbeitungsfrist:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee:</source>
        <translation>Gebühr:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee note:</source>
        <translation>Hinweis zur Gebühr:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep closed cases:</source>
        <translation>Abgeschlossene Fälle aufbewahren:</translation>
    </message>
</context>
<context>
    <name>IdentityPage</name>
    <message>
        <location filename="../../backoffice/ui/admin/identity_page.py" line="+98"/>
        <source>Only an administrator may change the town&apos;s identity.</source>
        <extracomment>The text fields, in the order of the form (the names of TownIdentity&apos;s fields). The installation in the scope box (a service is its key). Wait this long after the last keystroke before the preview is rendered again. The logo&apos;s thumbnail on the page.</extracomment>
        <translation>Nur eine Administratorin oder ein Administrator darf die Angaben der Stadt ändern.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This cannot be saved as it is.</source>
        <translation>So kann es nicht gespeichert werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That did not succeed.</source>
        <translation>Das hat nicht geklappt.</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Town (issuer):</source>
        <extracomment>The logo shown in the form (None: none, or for a service: as the installation).</extracomment>
        <translation>Stadt (Ausstellerin):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Office:</source>
        <translation>Dienststelle:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street and number:</source>
        <translation>Straße und Hausnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode:</source>
        <translation>Postleitzahl:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City:</source>
        <translation>Ort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place of signing:</source>
        <translation>Ort der Unterschrift:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signature line:</source>
        <translation>Zeile unter der Unterschrift:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Footer:</source>
        <translation>Fußzeile:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verification address:</source>
        <translation>Prüfadresse:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. Stadt Musterhausen</source>
        <translation>z. B. Stadt Musterhausen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Bürgerbüro</source>
        <translation>z. B. Bürgerbüro</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the city, if empty</source>
        <translation>leer: der Ort</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Die Standesbeamtin</source>
        <translation>z. B. Die Standesbeamtin</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the address, if empty</source>
        <translation>leer: die Anschrift</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>On certificates and letters</source>
        <translation>Auf Urkunden und Briefen</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Choose &amp;image…</source>
        <translation>&amp;Bild wählen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logo or coat of arms</source>
        <translation>Logo oder Wappen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Discard changes</source>
        <translation>Änderungen &amp;verwerfen</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>For:</source>
        <translation>Für:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Preview (a sample certificate)</source>
        <translation>Vorschau (eine Musterbescheinigung)</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Identity</source>
        <translation>Briefkopf</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The whole installation</source>
        <translation>Die ganze Installation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Service: {name}</source>
        <translation>Leistung: {name}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>What every certificate and letter shows; a service may change parts.</source>
        <translation>Was jede Urkunde und jeder Brief zeigt; eine Leistung kann Teile davon ändern.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For the installation: {value}</source>
        <translation>Für die Installation: {value}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Only what this service shows differently: an empty field shows what is set for the whole installation.</source>
        <translation>Nur, was diese Leistung anders zeigt: Ein leeres Feld zeigt, was für die ganze Installation eingetragen ist.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Choose the logo</source>
        <translation>Logo wählen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Images (*.png *.svg)</source>
        <translation>Bilder (*.png *.svg)</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The logo is checked; save to put it on the documents.</source>
        <translation>Das Logo ist geprüft; speichern Sie, damit es auf die Dokumente kommt.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no logo</source>
        <translation>kein Logo</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>SVG</source>
        <translation>SVG</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>None of its own: the installation&apos;s logo is shown.</source>
        <translation>Kein eigenes: Das Logo der Installation wird gezeigt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG or SVG, at most 256 KB. Certificates and letters show a PNG.</source>
        <translation>PNG oder SVG, höchstens 256 KB. Urkunden und Briefe zeigen ein PNG.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>PNG, {kb} KB.</source>
        <translation>PNG, {kb} KB.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SVG: kept, but documents show PNG logos only; choose a PNG.</source>
        <translation>SVG: gespeichert, aber Dokumente zeigen nur PNG-Logos; wählen Sie ein PNG.</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+59"/>
        <source>No preview: {problem}</source>
        <translation>Keine Vorschau: {problem}</translation>
    </message>
    <message>
        <location line="-57"/>
        <source>No preview: the town&apos;s name is needed.</source>
        <translation>Keine Vorschau: Der Name der Stadt fehlt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Rendering…</source>
        <translation>Wird erstellt …</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>As {service} would look with these values (not saved yet).</source>
        <translation>So sähe „{service}“ mit diesen Angaben aus (noch nicht gespeichert).</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Saved: the next documents show it.</source>
        <translation>Gespeichert: Die nächsten Dokumente zeigen es.</translation>
    </message>
</context>
<context>
    <name>InboxModel</name>
    <message>
        <location filename="../../backoffice/ui/inbox/model.py" line="+363"/>
        <source>Click to sort by this column</source>
        <extracomment>``data(index, CASE_ROW_ROLE)`` is the row&apos;s :class:`CaseRow`. ``data(index, CASE_ID_ROLE)`` is the case id (an int). Columns the database can sort by; the others ignore ``sort()``. True while a page or a refresh is being loaded. A page or refresh failed; the exception (the panel shows it). The first page of a new query, or a refresh, has been applied.</extracomment>
        <translation>Klicken, um nach dieser Spalte zu sortieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This column cannot be sorted</source>
        <translation>Nach dieser Spalte kann nicht sortiert werden</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <translation>Eingegangen</translation>
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
        <source>answered</source>
        <translation>beantwortet</translation>
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
        <source>The applicant answered; nobody has worked on the case since.</source>
        <translation>Die antragstellende Person hat geantwortet; seitdem hat niemand den Fall bearbeitet.</translation>
    </message>
    <message>
        <location line="+4"/>
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
        <location filename="../../backoffice/ui/inbox/panel.py" line="+113"/>
        <source>Search file number, name, form data ({shortcut})</source>
        <extracomment>The clerk selected a case (its id). The set of selected cases changed (how many are selected now). A filter from elsewhere (the dashboard&apos;s drill-down) shown instead of the selection&apos;s.</extracomment>
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
        <location line="+146"/>
        <source>Showing: {what}</source>
        <extracomment>Names the filter another workspace asked for (:meth:`show_filter`).</extracomment>
        <translation>Angezeigt: {what}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Back to the filters</source>
        <translation>Zurück zu den Filtern</translation>
    </message>
    <message>
        <location line="+121"/>
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
    <name>InboxWorkspace</name>
    <message>
        <location filename="../../backoffice/ui/inbox/workspace.py" line="+66"/>
        <source>&amp;Selection</source>
        <extracomment>Notices closed here, until the database says so too (their ids).</extracomment>
        <translation>&amp;Auswahl</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Ne&amp;xt case</source>
        <translation>Nä&amp;chster Fall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next case in the list ({key})</source>
        <translation>Nächster Fall in der Liste ({key})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Previous case</source>
        <translation>&amp;Vorheriger Fall</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Previous case in the list ({key})</source>
        <translation>Vorheriger Fall in der Liste ({key})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Search</source>
        <translation>&amp;Suchen</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Case</source>
        <translation>&amp;Fall</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Inbox and cases</source>
        <translation>&amp;Posteingang und Fälle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The cases, their filters and the open case</source>
        <translation>Die Fälle, ihre Filter und der geöffnete Fall</translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Open {file}</source>
        <translation>{file} öffnen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The notices could not be dismissed.</source>
        <translation>Die Hinweise konnten nicht ausgeblendet werden.</translation>
    </message>
</context>
<context>
    <name>JsonSection</name>
    <message>
        <location filename="../../backoffice/ui/admin/editor/sections.py" line="+888"/>
        <source>Apply JSON</source>
        <extracomment>A definition the administrator applied from the text.</extracomment>
        <translation>JSON übernehmen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The whole definition. Changes here take effect with “Apply JSON”; the other pages then show them.</source>
        <translation>Die ganze Definition. Änderungen hier werden mit „JSON übernehmen“ wirksam; die anderen Seiten zeigen sie dann.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Not valid JSON: line {line}, column {column}: {problem}</source>
        <translation>Kein gültiges JSON: Zeile {line}, Spalte {column}: {problem}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>A template definition is a JSON object.</source>
        <translation>Eine Vorlagendefinition ist ein JSON-Objekt.</translation>
    </message>
</context>
<context>
    <name>LetterPrinter</name>
    <message>
        <location filename="../../backoffice/ui/printing.py" line="+113"/>
        <source>The stored file does not match its checksum (damaged); it is not printed.</source>
        <extracomment>Pages are rendered at this resolution at most (the printer&apos;s own, if lower). How many pages are rendered ahead of the one being painted. Each page is painted in this many horizontal bands, one per turn of the event loop. The page within ``pdf`` (from 0). The letters whose every file is in ``pages``. The letters left out, and why (plain text for the clerk).</extracomment>
        <translation>Die gespeicherte Datei passt nicht zu ihrer Prüfsumme (beschädigt); sie wird nicht gedruckt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The letter or a certificate it encloses no longer exists.</source>
        <translation>Der Brief oder eine beigelegte Urkunde existiert nicht mehr.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The PDF does not open.</source>
        <translation>Die PDF-Datei lässt sich nicht öffnen.</translation>
    </message>
    <message numerus="yes">
        <location line="+276"/>
        <source>Letters (%n)</source>
        <extracomment>Printed, and marked printed where asked (``PrintReport.marked``). Printed, but the clerk said not everything came out: nothing marked. No letter could be read: nothing went to the printer. The letters asked for. The letters that went to the printer. The letters marked printed now. Letters left out or not marked, and why (plain text). Why it failed, for the clerk. Printing ended (a :class:`PrintReport`), whatever the outcome. A short confirmation for the status bar. Pages handed to the printer so far, of how many. The question or the error shown now, if any (tests answer it).</extracomment>
        <translation>
            <numerusform>Briefe (%n)</numerusform>
            <numerusform>Briefe (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Print %n letter(s)</source>
        <translation>
            <numerusform>%n Brief drucken</numerusform>
            <numerusform>%n Briefe drucken</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+223"/>
        <source>Printing</source>
        <translation>Drucken</translation>
    </message>
    <message numerus="yes">
        <location line="-222"/>
        <source>Reading %n letter(s)…</source>
        <translation>
            <numerusform>%n Brief wird gelesen…</numerusform>
            <numerusform>%n Briefe werden gelesen…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>None of the letters could be read; nothing was printed.</source>
        <translation>Keiner der Briefe konnte gelesen werden; es wurde nichts gedruckt.</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Printing %n letter(s)…</source>
        <translation>
            <numerusform>%n Brief wird gedruckt…</numerusform>
            <numerusform>%n Briefe werden gedruckt…</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The letters could not be read; nothing was printed.</source>
        <translation>Die Briefe konnten nicht gelesen werden; es wurde nichts gedruckt.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Printing page {done} of {total}…</source>
        <translation>Seite {done} von {total} wird gedruckt…</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Printing failed: {reason}

Nothing was marked printed; the letters stay in the print queue.</source>
        <translation>Drucken fehlgeschlagen: {reason}

Nichts wurde als gedruckt vermerkt; die Briefe bleiben in der Druckwarteschlange.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Printing cancelled; nothing was marked printed.</source>
        <translation>Drucken abgebrochen; nichts wurde als gedruckt vermerkt.</translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>%n letter(s) printed again.</source>
        <translation>
            <numerusform>%n Brief erneut gedruckt.</numerusform>
            <numerusform>%n Briefe erneut gedruckt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Printed correctly?</source>
        <translation>Richtig gedruckt?</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n letter(s) went to the printer. Did every page come out correctly?</source>
        <translation>
            <numerusform>%n Brief ging an den Drucker. Ist jede Seite richtig herausgekommen?</numerusform>
            <numerusform>%n Briefe gingen an den Drucker. Ist jede Seite richtig herausgekommen?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{pages} pages in all. Only letters marked printed leave the print queue; a letter marked by mistake can be printed again from the printed ones.</source>
        <translation>Insgesamt {pages} Seiten. Nur als gedruckt vermerkte Briefe verlassen die Druckwarteschlange; ein versehentlich vermerkter Brief kann bei den gedruckten erneut gedruckt werden.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Yes, mark as printed</source>
        <translation>Ja, als gedruckt vermerken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No, keep them waiting</source>
        <translation>Nein, in der Warteschlange lassen</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Nothing was marked printed; the letters stay in the print queue.</source>
        <translation>Nichts wurde als gedruckt vermerkt; die Briefe bleiben in der Druckwarteschlange.</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>%n letter(s) marked printed.</source>
        <translation>
            <numerusform>%n Brief als gedruckt vermerkt.</numerusform>
            <numerusform>%n Briefe als gedruckt vermerkt.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The letters were printed but could not be marked printed: {reason}

They stay in the print queue; mark them by printing them once more.</source>
        <translation>Die Briefe wurden gedruckt, konnten aber nicht als gedruckt vermerkt werden: {reason}

Sie bleiben in der Druckwarteschlange; vermerken Sie sie, indem Sie sie noch einmal drucken.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../backoffice/ui/login.py" line="+45"/>
        <source>Sign in – Rathaus Backoffice</source>
        <translation>Anmelden – Rathaus Backoffice</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who is working?</source>
        <translation>Wer arbeitet?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Demo mode: choose the person you work as. What you may do depends on the role.</source>
        <translation>Demo-Modus: Wählen Sie, als wer Sie arbeiten. Was Sie dürfen, hängt von der Rolle ab.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Loading users…</source>
        <translation>Benutzer werden geladen…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Login: {login}</source>
        <translation>Anmeldename: {login}</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>There is no active user.</source>
        <translation>Es gibt keinen aktiven Benutzer.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The users could not be read.</source>
        <translation>Die Benutzer konnten nicht gelesen werden.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../backoffice/ui/main_window.py" line="+153"/>
        <source>Rathaus Backoffice</source>
        <extracomment>What a run of the outbox changes (for the workspaces that show it). The workspaces in switcher order; the window offers each to the roles it allows. Another desktop changed these tables (emitted in the change watch&apos;s thread). Sends what the clerks decided (citizen messages, confirmations) while the window runs.</extracomment>
        <translation>Rathaus Backoffice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Refresh</source>
        <translation>&amp;Aktualisieren</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Look for new and changed cases ({key})</source>
        <translation>Nach neuen und geänderten Fällen sehen ({key})</translation>
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
        <location line="+7"/>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Working…</source>
        <translation>Arbeitet…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Signed in as {login}</source>
        <translation>Angemeldet als {login}</translation>
    </message>
    <message>
        <location line="+93"/>
        <source>The program could not load its data.</source>
        <translation>Das Programm konnte seine Daten nicht laden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Try again</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+83"/>
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
    <message>
        <location line="+4"/>
        <source>Version {version}</source>
        <translation>Version {version}</translation>
    </message>
</context>
<context>
    <name>MessageBar</name>
    <message>
        <location filename="../../backoffice/ui/widgets.py" line="+178"/>
        <source>Close this message</source>
        <extracomment>(background, border, text) per tone; chosen for contrast on light palettes. An unbroken run this long may not fit a label&apos;s width (a label wraps only between words).</extracomment>
        <translation>Diese Meldung schließen</translation>
    </message>
</context>
<context>
    <name>MessagePreviewPane</name>
    <message>
        <location filename="../../backoffice/ui/case/message_preview.py" line="+184"/>
        <source>What the applicant receives</source>
        <extracomment>A preview for the latest request arrived. The latest request failed (the exception). A request is waiting or running (True) or answered (False).</extracomment>
        <translation>Was die antragstellende Person erhält</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+36"/>
        <source>Loading the preview…</source>
        <translation>Vorschau wird geladen…</translation>
    </message>
    <message>
        <location line="-15"/>
        <source>Channel</source>
        <translation>Weg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>To</source>
        <translation>An</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enclosed</source>
        <translation>Anlagen</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>nothing</source>
        <translation>keine</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The preview could not be loaded.</source>
        <translation>Die Vorschau konnte nicht geladen werden.</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location line="-208"/>
        <source>portal reply</source>
        <extracomment>How long after the last keystroke the preview is read again. Reads the preview for the clerk&apos;s text (runs in a worker).</extracomment>
        <translation>Antwort über das Portal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e-mail</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>letter by post</source>
        <translation>Brief per Post</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The service&apos;s text names {names}, but this case has no value for it. Nothing can be sent like this; an administrator can correct the service&apos;s text.</source>
        <translation>Der Text der Leistung nennt {names}, aber dieser Fall hat dafür keinen Wert. So kann nichts gesendet werden; eine Administratorin oder ein Administrator kann den Text der Leistung korrigieren.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The submission names no key for replies through the portal.</source>
        <translation>Der Antrag nennt keinen Schlüssel für Antworten über das Portal.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The submission names no e-mail address.</source>
        <translation>Der Antrag nennt keine E-Mail-Adresse.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The application holds no complete postal address.</source>
        <translation>Der Antrag enthält keine vollständige Postanschrift.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The message cannot be sent by {channel}.</source>
        <translation>Die Nachricht kann nicht als {channel} gesendet werden.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Certificate</source>
        <translation>Bescheinigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/case/messages.py" line="+52"/>
        <source>letter in the print queue</source>
        <extracomment>An error is cut to this many characters in its column (the detail below has all of it).</extracomment>
        <translation>Brief in der Druckwarteschlange</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>letter printed</source>
        <translation>Brief gedruckt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>given up</source>
        <translation>aufgegeben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting (retried {n}×)</source>
        <translation>wartet ({n}× erneut versucht)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
</context>
<context>
    <name>MessagesSection</name>
    <message>
        <location line="+23"/>
        <source>Send by another channel…</source>
        <extracomment>Send this failed message again by another channel (its :class:`MessageInfo`). Show this letter in the print queue (the letter&apos;s document id).</extracomment>
        <translation>Auf anderem Weg senden…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send this failed message again, by another way to the applicant</source>
        <translation>Diese fehlgeschlagene Nachricht erneut senden, auf einem anderen Weg zur antragstellenden Person</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the letter</source>
        <translation>Brief anzeigen</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Channel</source>
        <translation>Weg</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Queued</source>
        <translation>Vorgemerkt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Gesendet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last error</source>
        <translation>Letzter Fehler</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No message to the applicant yet.</source>
        <translation>Noch keine Nachricht an die antragstellende Person.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>The messages could not be read.</source>
        <extracomment>The chosen message in full: its subject, attempts and last error.</extracomment>
        <translation>Die Nachrichten konnten nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>(message)</source>
        <translation>(Nachricht)</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{channel}, {state}; queued {queued}, sent {sent}; attempts: {n}</source>
        <translation>{channel}, {state}; vorgemerkt {queued}, gesendet {sent}; Versuche: {n}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Last error: {error}</source>
        <translation>Letzter Fehler: {error}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing more is tried. Send it by another channel if it is still needed.</source>
        <translation>Es wird nichts mehr versucht. Senden Sie sie auf einem anderen Weg, falls sie noch nötig ist.</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/admin/editor/sections.py" line="-264"/>
        <source>Curly braces are reserved for these placeholders. The text is sent when a case enters the status, with the clerk&apos;s individual message where the transition requires one.</source>
        <extracomment>The status whose text is being edited (the preview shows its letter).</extracomment>
        <translation>Geschweifte Klammern sind diesen Platzhaltern vorbehalten. Der Text wird versandt, wenn ein Fall den Status erreicht, zusammen mit der persönlichen Nachricht der Sachbearbeitung, wo der Übergang eine verlangt.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For the sample case:</source>
        <translation>Für den Beispielfall:</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Message when a case enters “{status}”</source>
        <translation>Nachricht, wenn ein Fall „{status}“ erreicht</translation>
    </message>
</context>
<context>
    <name>MessagingFlow</name>
    <message>
        <location filename="../../backoffice/ui/case/messaging.py" line="+122"/>
        <source>The message to the applicant is queued.</source>
        <translation>Die Nachricht an die antragstellende Person ist zum Versand vorgemerkt.</translation>
    </message>
</context>
<context>
    <name>NotesSection</name>
    <message>
        <location filename="../../backoffice/ui/case/sections.py" line="+102"/>
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
    <name>PlaceholderBar</name>
    <message>
        <location filename="../../backoffice/ui/admin/editor/sections.py" line="-117"/>
        <source>Insert:</source>
        <translation>Einfügen:</translation>
    </message>
</context>
<context>
    <name>PortalForm</name>
    <message>
        <location filename="../../backoffice/ui/portal_form.py" line="+46"/>
        <source>{field} must not contain a user name or password.</source>
        <translation>{field} darf keinen Benutzernamen und kein Passwort enthalten.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{field} must not have a query (?…) or a fragment (#…).</source>
        <translation>{field} darf keine Abfrage (?…) und keinen Anker (#…) haben.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{field} uses plain http:// to another computer: use https:// (plain http:// is allowed only for this computer).</source>
        <translation>{field} verwendet unverschlüsseltes http:// zu einem anderen Rechner: Verwenden Sie https:// (http:// ist nur für diesen Rechner erlaubt).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>{field} is not a web address: it must begin with https:// and name a server, e.g. https://portal.example.</source>
        <translation>{field} ist keine Webadresse: Sie muss mit https:// beginnen und einen Server nennen, z. B. https://portal.example.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Address:</source>
        <extracomment>The text fields, in order (the wizard enables and checks them together).</extracomment>
        <translation>Adresse:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token address:</source>
        <translation>Token-Adresse:</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination IDs:</source>
        <translation>Zustellpunkt-IDs:</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Destination ID:</source>
        <translation>Zustellpunkt-ID:</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Client ID:</source>
        <translation>Client-ID:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client secret:</source>
        <translation>Client-Geheimnis:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>the system&apos;s certificates</source>
        <translation>die Zertifikate des Systems</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose…</source>
        <translation>Wählen …</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect timeout:</source>
        <translation>Zeitlimit Verbindungsaufbau:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read timeout:</source>
        <translation>Zeitlimit Antwort:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trusted CA file (PEM):</source>
        <translation>Vertrauenswürdige CA-Datei (PEM):</translation>
    </message>
    <message>
        <location line="+14"/>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The address</source>
        <translation>Die Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The token address</source>
        <translation>Die Token-Adresse</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The destination ID {id} is not a UUID (it looks like {example}).</source>
        <translation>Die Zustellpunkt-ID {id} ist keine UUID (sie sieht so aus: {example}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The client ID contains control characters.</source>
        <translation>Die Client-ID enthält Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client secret contains control characters.</source>
        <translation>Das Client-Geheimnis enthält Steuerzeichen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Fill in the addresses, at least one destination ID and the client ID.</source>
        <translation>Tragen Sie die Adressen, mindestens eine Zustellpunkt-ID und die Client-ID ein.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fill in the addresses, at least one destination ID, the client ID and its secret.</source>
        <translation>Tragen Sie die Adressen, mindestens eine Zustellpunkt-ID, die Client-ID und ihr Geheimnis ein.</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Trusted CA certificates</source>
        <translation>Vertrauenswürdige CA-Zertifikate</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>Zertifikate (*.pem *.crt *.cer);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>PortalPage</name>
    <message>
        <location filename="../../backoffice/ui/setup/pages.py" line="+83"/>
        <source>Online portal (optional)</source>
        <translation>Online-Portal (optional)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Applications arrive from the portal. This can also be set up later.</source>
        <translation>Über das Portal kommen die Anträge an. Das lässt sich auch später einrichten.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect to the portal now</source>
        <translation>Jetzt mit dem Portal verbinden</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Test connection</source>
        <translation>Verbindung prüfen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The secret is kept in the system&apos;s keyring.</source>
        <translation>Das Geheimnis wird im Schlüsselbund des Systems aufbewahrt.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Connected: {what}</source>
        <translation>Verbunden: {what}</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/admin/portal_page.py" line="+59"/>
        <source>The portal refused the client ID or its secret. Check both, type the secret again and save.</source>
        <translation>Das Portal hat die Client-ID oder ihr Geheimnis abgelehnt. Prüfen Sie beides, geben Sie das Geheimnis erneut ein und speichern Sie.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The portal does not know this destination: check the destination ID.</source>
        <translation>Das Portal kennt diesen Zustellpunkt nicht: Prüfen Sie die Zustellpunkt-ID.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>This client may not use the destination: is it subscribed to it at the portal?</source>
        <translation>Dieser Client darf den Zustellpunkt nicht nutzen: Ist er beim Portal dafür angemeldet?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The portal&apos;s certificate was not accepted: check the address, or give the in-house CA file.</source>
        <translation>Das Zertifikat des Portals wurde nicht akzeptiert: Prüfen Sie die Adresse oder geben Sie die CA-Datei Ihres Hauses an.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The portal could not be reached: check the address and the network connection.</source>
        <translation>Das Portal war nicht erreichbar: Prüfen Sie die Adresse und die Netzwerkverbindung.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The portal did not answer in time: try again later.</source>
        <translation>Das Portal hat nicht rechtzeitig geantwortet: Versuchen Sie es später noch einmal.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The portal answered in a way the program did not expect.</source>
        <translation>Das Portal hat anders geantwortet, als das Programm es erwartet.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Only an administrator may change the portal connection.</source>
        <translation>Nur eine Administratorin oder ein Administrator darf die Portalverbindung ändern.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+158"/>
        <source>The subscriber keys cannot be used.</source>
        <translation>Die Schlüssel des Empfängers können nicht verwendet werden.</translation>
    </message>
    <message>
        <location line="-156"/>
        <source>The portal connection does not work.</source>
        <translation>Die Portalverbindung funktioniert nicht.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That did not succeed.</source>
        <translation>Das hat nicht geklappt.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>The secret goes into the system&apos;s keyring and is never shown. Leave the field empty to keep the stored secret.</source>
        <translation>Das Geheimnis kommt in den Schlüsselbund des Systems und wird nie angezeigt. Lassen Sie das Feld leer, um das gespeicherte Geheimnis zu behalten.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;Generate keys…</source>
        <translation>Schlüssel &amp;erzeugen …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport public keys…</source>
        <translation>Öffentliche Schlüssel e&amp;xportieren …</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Register at the portal</source>
        <translation>Beim Portal &amp;registrieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Subscriber keys</source>
        <translation>Schlüssel des Empfängers</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Result</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Checked</source>
        <translation>Geprüft</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Connection test</source>
        <translation>Verbindungstest</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Portal</source>
        <translation>Portal</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The portal connection is not set up yet.</source>
        <translation>Die Portalverbindung ist noch nicht eingerichtet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>These are the machine-wide defaults (from the installer or group policy). Saving stores them for this installation, with the secret.</source>
        <translation>Dies sind die Vorgaben für den ganzen Rechner (aus dem Installationsprogramm oder der Gruppenrichtlinie). Speichern legt sie mit dem Geheimnis für diese Installation ab.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The settings of this installation.</source>
        <translation>Die Einstellungen dieser Installation.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>stored in the keyring – leave empty to keep it</source>
        <translation>im Schlüsselbund gespeichert – leer lassen, um es zu behalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>not stored yet</source>
        <translation>noch nicht gespeichert</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No keys yet: generate them, then register them at the portal.</source>
        <translation>Noch keine Schlüssel: Erzeugen Sie sie und registrieren Sie sie dann beim Portal.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Encryption key {encryption}
Signing key {signing}
made {created}, in {path}</source>
        <translation>Verschlüsselungsschlüssel {encryption}
Signaturschlüssel {signing}
erzeugt {created}, in {path}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The stored portal settings cannot be read.</source>
        <translation>Die gespeicherten Portaleinstellungen können nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The keyring cannot be used.</source>
        <translation>Der Schlüsselbund kann nicht verwendet werden.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Type the client secret.</source>
        <translation>Geben Sie das Client-Geheimnis ein.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The portal connection is saved; the secret is in the keyring.</source>
        <translation>Die Portalverbindung ist gespeichert; das Geheimnis liegt im Schlüsselbund.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Start the program again to fetch applications with it.</source>
        <translation>Starten Sie das Programm neu, um damit Anträge abzurufen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Everything works: the portal knows this office.</source>
        <translation>Alles funktioniert: Das Portal kennt diese Dienststelle.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test failed: no access token.</source>
        <translation>Der Test ist fehlgeschlagen: kein Zugriffstoken.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The test failed for {n} of {total} destination(s).</source>
        <translation>Der Test ist für {n} von {total} Zustellpunkt(en) fehlgeschlagen.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Access token</source>
        <translation>Zugriffstoken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination {id}</source>
        <translation>Zustellpunkt {id}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ok</source>
        <translation>in Ordnung</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Replace the keys</source>
        <translation>Schlüssel ersetzen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This installation has keys already. Replace them?</source>
        <translation>Diese Installation hat schon Schlüssel. Ersetzen?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Once new keys are registered, applications encrypted for the old keys cannot be read any more. The old key file is kept aside, renamed.</source>
        <translation>Sobald neue Schlüssel registriert sind, können Anträge, die für die alten Schlüssel verschlüsselt wurden, nicht mehr gelesen werden. Die alte Schlüsseldatei wird umbenannt aufbewahrt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Replace keys</source>
        <translation>Schlüssel ersetzen</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Generating keys (a few seconds)…</source>
        <translation>Schlüssel werden erzeugt (einige Sekunden) …</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>New keys made; register them at the portal next.</source>
        <translation>Neue Schlüssel erzeugt; registrieren Sie sie als Nächstes beim Portal.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The previous keys were moved to {path}.</source>
        <translation>Die bisherigen Schlüssel wurden nach {path} verschoben.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export the public keys</source>
        <translation>Öffentliche Schlüssel exportieren</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Key sets (*.json)</source>
        <translation>Schlüsselsätze (*.json)</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The public keys were written to {path}.</source>
        <translation>Die öffentlichen Schlüssel wurden in {path} geschrieben.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The keys are registered at {n} destination(s).</source>
        <translation>Die Schlüssel sind bei {n} Zustellpunkt(en) registriert.</translation>
    </message>
</context>
<context>
    <name>PortalSync</name>
    <message>
        <location filename="../../backoffice/ui/delivery/portal.py" line="+74"/>
        <source>Try again</source>
        <extracomment>Tables a sync may have changed (for the workspaces that show them). A line for the status bar and how long to show it (ms). A sync ended and what it said has been shown (:class:`SyncOutcome`). What went wrong in the last sync, and what to do about it.</extracomment>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Fetching from the portal failed: {error}</source>
        <translation>Der Abruf vom Portal ist fehlgeschlagen: {error}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The portal could not be asked for new applications: {error}</source>
        <translation>Das Portal konnte nicht nach neuen Anträgen gefragt werden: {error}</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n application(s) could not be fetched completely; the portal keeps them and they are fetched again next time:</source>
        <translation>
            <numerusform>%n Antrag konnte nicht vollständig abgerufen werden; das Portal behält ihn, er wird beim nächsten Mal erneut abgerufen:</numerusform>
            <numerusform>%n Anträge konnten nicht vollständig abgerufen werden; das Portal behält sie, sie werden beim nächsten Mal erneut abgerufen:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>… and {n} more</source>
        <translation>… und {n} weitere</translation>
    </message>
</context>
<context>
    <name>PortalTexts</name>
    <message>
        <location filename="../../backoffice/ui/portal_texts.py" line="+33"/>
        <source>Could not be decrypted</source>
        <translation>Nicht entschlüsselbar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not readable (syntax error)</source>
        <translation>Nicht lesbar (Syntaxfehler)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Incomplete or malformed data</source>
        <translation>Unvollständige oder fehlerhafte Daten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Form version not supported</source>
        <translation>Formularversion nicht unterstützt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checksum does not match</source>
        <translation>Prüfsumme stimmt nicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form data missing</source>
        <translation>Formulardaten fehlen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachment missing</source>
        <translation>Anlage fehlt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attachments do not match</source>
        <translation>Anlagen stimmen nicht überein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Service not offered or mismatched</source>
        <translation>Leistung nicht angeboten oder widersprüchlich</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reply channel not supported</source>
        <translation>Rückkanal nicht unterstützt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payment method not supported</source>
        <translation>Zahlart nicht unterstützt</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Technical error</source>
        <translation>Technischer Fehler</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>unknown</source>
        <translation>unbekannt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The application was encrypted for a key this office does not have. The portal or the applicant&apos;s software may use an old key of ours.</source>
        <translation>Der Antrag wurde für einen Schlüssel verschlüsselt, den diese Behörde nicht hat. Das Portal oder die Software der antragstellenden Person verwendet womöglich einen alten Schlüssel von uns.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Part of the application was not readable data.</source>
        <translation>Ein Teil des Antrags waren keine lesbaren Daten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Part of the application does not have the structure the service expects (a required entry is missing or has the wrong form).</source>
        <translation>Ein Teil des Antrags hat nicht den Aufbau, den die Leistung erwartet (eine Pflichtangabe fehlt oder hat die falsche Form).</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The application uses a form version this program does not know.</source>
        <translation>Der Antrag verwendet eine Formularversion, die dieses Programm nicht kennt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The content does not match the checksum it was sent with: it was damaged or changed on the way.</source>
        <translation>Der Inhalt passt nicht zur mitgesandten Prüfsumme: Er wurde unterwegs beschädigt oder verändert.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The application arrived without its form data.</source>
        <translation>Der Antrag kam ohne Formulardaten an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The application announces an attachment that did not arrive.</source>
        <translation>Der Antrag kündigt eine Anlage an, die nicht angekommen ist.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The application carries attachments it does not describe.</source>
        <translation>Der Antrag enthält Anlagen, die er nicht beschreibt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The application is for a service this office does not offer here, or names two different services.</source>
        <translation>Der Antrag gilt einer Leistung, die diese Behörde hier nicht anbietet, oder nennt zwei verschiedene Leistungen.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The applicant asked for answers through a channel this office cannot use.</source>
        <translation>Die antragstellende Person wünscht Antworten über einen Weg, den diese Behörde nicht nutzen kann.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The payment method is not accepted.</source>
        <translation>Die Zahlart wird nicht angenommen.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A technical error occurred while checking the application.</source>
        <translation>Beim Prüfen des Antrags ist ein technischer Fehler aufgetreten.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>attachment {id}</source>
        <translation>Anlage {id}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>envelope (metadata)</source>
        <translation>Umschlag (Metadaten)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>form data</source>
        <translation>Formulardaten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>submission as a whole</source>
        <translation>Einreichung als Ganzes</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The SHA-512 checksum of the data differs.</source>
        <translation>Die SHA-512-Prüfsumme der Daten weicht ab.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>There is no form data.</source>
        <translation>Es gibt keine Formulardaten.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The SHA-512 checksum of the attachment differs.</source>
        <translation>Die SHA-512-Prüfsumme der Anlage weicht ab.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The form data is larger than 5 MB.</source>
        <translation>Die Formulardaten sind größer als 5 MB.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Only JSON form data is supported.</source>
        <translation>Nur Formulardaten im JSON-Format werden unterstützt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The metadata is not a JSON object.</source>
        <translation>Die Metadaten sind kein JSON-Objekt.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The metadata describes an attachment the submission does not have.</source>
        <translation>Die Metadaten beschreiben eine Anlage, die die Einreichung nicht enthält.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Confirmation to the portal</source>
        <translation>Bestätigung an das Portal</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message to the applicant</source>
        <translation>Nachricht an die antragstellende Person</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>failed for good</source>
        <translation>endgültig fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>%n new application(s)</source>
        <translation>
            <numerusform>%n neuer Antrag</numerusform>
            <numerusform>%n neue Anträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n answer(s) from applicants</source>
        <translation>
            <numerusform>%n Antwort von Antragstellenden</numerusform>
            <numerusform>%n Antworten von Antragstellenden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n rejected</source>
        <translation>
            <numerusform>%n abgelehnt</numerusform>
            <numerusform>%n abgelehnt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n postponed</source>
        <translation>
            <numerusform>%n zurückgestellt</numerusform>
            <numerusform>%n zurückgestellt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n message(s) to applicants sent</source>
        <translation>
            <numerusform>%n Nachricht an antragstellende Personen versandt</numerusform>
            <numerusform>%n Nachrichten an antragstellende Personen versandt</numerusform>
        </translation>
    </message>
    <message>
        <location line="+23"/>
        <source>no new applications</source>
        <translation>keine neuen Anträge</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped: {summary}</source>
        <translation>Angehalten: {summary}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The portal did not accept this office&apos;s credentials. An administrator should check the client id and secret (backoffice portal configure) and test the connection (backoffice portal test).</source>
        <translation>Das Portal hat die Zugangsdaten dieser Behörde nicht angenommen. Eine Administratorin oder ein Administrator sollte Client-ID und Geheimnis prüfen (backoffice portal configure) und die Verbindung testen (backoffice portal test).</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The portal&apos;s certificate was not accepted. Ask the IT department to check the portal address and the trusted certificates.</source>
        <translation>Das Zertifikat des Portals wurde nicht akzeptiert. Bitten Sie die IT, die Portaladresse und die vertrauenswürdigen Zertifikate zu prüfen.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The portal connection is not set up completely. An administrator can set it up with backoffice portal configure and backoffice keys generate, and test it with backoffice portal test.</source>
        <translation>Die Portalverbindung ist nicht vollständig eingerichtet. Eine Administratorin oder ein Administrator kann sie mit backoffice portal configure und backoffice keys generate einrichten und mit backoffice portal test prüfen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Nothing is lost: applications stay at the portal until they have been fetched. Try again in a few minutes; the program also tries by itself. If the problem persists, an administrator can test the connection with backoffice portal test.</source>
        <translation>Es geht nichts verloren: Anträge bleiben im Portal, bis sie abgerufen wurden. Versuchen Sie es in einigen Minuten erneut; das Programm versucht es auch selbst. Bleibt das Problem bestehen, kann eine Administratorin oder ein Administrator die Verbindung mit backoffice portal test prüfen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The portal answered in a way the program did not expect. Nothing is lost; if it happens again, an administrator can test the connection with backoffice portal test and look at the log file.</source>
        <translation>Das Portal hat unerwartet geantwortet. Es geht nichts verloren; passiert es wieder, kann eine Administratorin oder ein Administrator die Verbindung mit backoffice portal test prüfen und die Protokolldatei ansehen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Your role may not do this; ask a team lead or an administrator.</source>
        <translation>Ihre Rolle darf das nicht; wenden Sie sich an die Teamleitung oder die Administration.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nothing is lost. Check the network connection to the database and try again; if it happens again, send the log file to your IT support.</source>
        <translation>Es geht nichts verloren. Prüfen Sie die Netzwerkverbindung zur Datenbank und versuchen Sie es erneut; passiert es wieder, schicken Sie die Protokolldatei an Ihre IT-Betreuung.</translation>
    </message>
</context>
<context>
    <name>PreviewPane</name>
    <message>
        <location filename="../../backoffice/ui/case/preview.py" line="+164"/>
        <source>{width} × {height} pixels</source>
        <extracomment>Images larger than this are not decoded (a decompression bomb, or just too big to show). Decoded images are scaled down to this many pixels on their longer side. The image&apos;s own size (before scaling for the screen). The document the view shows (owned here, not by the view; see the module docs).</extracomment>
        <translation>{width} × {height} Pixel</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The image is too large to show ({width} × {height} pixels, more than {limit} megapixels). Save it and open it with another program if you need it.</source>
        <translation>Das Bild ist zu groß für die Anzeige ({width} × {height} Pixel, mehr als {limit} Megapixel). Speichern Sie es und öffnen Sie es bei Bedarf mit einem anderen Programm.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The file is damaged or not what it claims to be; it cannot be shown.</source>
        <translation>Die Datei ist beschädigt oder nicht, was sie vorgibt zu sein; sie kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no preview for this kind of file. Save it, or open it with the system&apos;s viewer.</source>
        <translation>Für diese Dateiart gibt es keine Vorschau. Speichern Sie sie oder öffnen Sie sie mit dem Standardprogramm.</translation>
    </message>
</context>
<context>
    <name>PreviewPanel</name>
    <message>
        <location filename="../../backoffice/ui/admin/editor/preview.py" line="+119"/>
        <source>Certificate</source>
        <extracomment>Pages are drawn at this resolution (the panel scales them down to its width). More pages than this are not drawn (a preview; a certificate has one or two). The language, the document or the letter&apos;s status changed: render again.</extracomment>
        <translation>Bescheinigung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letter with the status message</source>
        <translation>Brief mit der Statusnachricht</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The status whose message the letter shows</source>
        <translation>Der Status, dessen Nachricht der Brief zeigt</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Preview for a sample case</source>
        <translation>Vorschau für einen Beispielfall</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>Rendering the preview…</source>
        <extracomment>The preview on show (the last one that could be drawn). The definition has changed into one that cannot be drawn since.</extracomment>
        <translation>Vorschau wird erstellt …</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The preview shows the last version that could be drawn; the current one cannot be until the check&apos;s problems are solved.</source>
        <translation>Die Vorschau zeigt den letzten darstellbaren Stand; der aktuelle lässt sich erst darstellen, wenn die Probleme der Prüfung behoben sind.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No preview until the check&apos;s problems are solved.</source>
        <translation>Keine Vorschau, bis die Probleme der Prüfung behoben sind.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sample case {file_number}, made up; its verification code is not valid.</source>
        <translation>Beispielfall {file_number}, erfunden; sein Prüfcode ist nicht gültig.</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>This service issues no certificate.</source>
        <translation>Diese Leistung stellt keine Bescheinigung aus.</translation>
    </message>
</context>
<context>
    <name>PrintQueueTab</name>
    <message>
        <location filename="../../backoffice/ui/delivery/print_queue.py" line="+85"/>
        <location line="+14"/>
        <source>File number</source>
        <extracomment>The subject column is cut to this width (the detail beside the list shows all of it). The lists were read again (the panel updates the tab&apos;s title). Open this case (its id) where cases are shown. A short confirmation for the status bar. Reading the queue failed: the message, translated, for the panel&apos;s message bar. The letter shown in the preview (its id). A letter asked for before the lists arrived (selected once they do).</extracomment>
        <translation>Aktenzeichen</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Recipient</source>
        <translation>Empfänger</translation>
    </message>
    <message>
        <location line="-13"/>
        <location line="+14"/>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Printed</source>
        <translation>Gedruckt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Printed recently</source>
        <translation>Zuletzt gedruckt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No letter is waiting to be printed.</source>
        <translation>Kein Brief wartet auf den Druck.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Print selected…</source>
        <translation>Ausgewählte &amp;drucken…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print the selected letters with what they enclose, then mark them printed</source>
        <translation>Die ausgewählten Briefe mit ihren Anlagen drucken und danach als gedruckt vermerken</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Print &amp;all…</source>
        <translation>&amp;Alle drucken…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print every waiting letter</source>
        <translation>Jeden wartenden Brief drucken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print &amp;again…</source>
        <translation>&amp;Erneut drucken…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Print the selected printed letters once more (a jam, a lost letter)</source>
        <translation>Die ausgewählten gedruckten Briefe noch einmal drucken (Papierstau, verlorener Brief)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open case</source>
        <translation>Fall öffnen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your role may not print letters</source>
        <translation>Ihre Rolle darf keine Briefe drucken</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Letter</source>
        <translation>Brief</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+161"/>
        <source>Select a letter to see it.</source>
        <translation>Wählen Sie einen Brief aus, um ihn zu sehen.</translation>
    </message>
    <message>
        <location line="-92"/>
        <source>Double-click a letter to open its case</source>
        <translation>Doppelklick auf einen Brief öffnet seinen Fall</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>printed on {when} by {who}</source>
        <translation>gedruckt am {when} von {who}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>waiting, %n enclosure(s)</source>
        <translation>
            <numerusform>wartet, %n Anlage</numerusform>
            <numerusform>wartet, %n Anlagen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>waiting</source>
        <translation>wartet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Letters to print</source>
        <translation>Briefe drucken</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Letters to print ({n})</source>
        <translation>Briefe drucken ({n})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Waiting to be printed ({n})</source>
        <translation>Warten auf den Druck ({n})</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>The print queue could not be read.</source>
        <translation>Die Druckwarteschlange konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location line="+85"/>
        <source>Loading the letter…</source>
        <translation>Der Brief wird geladen…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The letter cannot be shown.</source>
        <translation>Der Brief kann nicht angezeigt werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Made {when}; {state}</source>
        <translation>Erstellt {when}; {state}</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>Printed with it: %n enclosed document(s), after the letter.</source>
        <translation>
            <numerusform>Wird mitgedruckt: %n Anlage, nach dem Brief.</numerusform>
            <numerusform>Wird mitgedruckt: %n Anlagen, nach dem Brief.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintRun</name>
    <message>
        <location filename="../../backoffice/ui/printing.py" line="-429"/>
        <source>The printer could not be opened.</source>
        <extracomment>Why it failed, for the clerk. Pages painted so far, of how many. The run ended (a :class:`RunOutcome`); emitted once. The page being painted (from 0), its image and how many bands of it are done.</extracomment>
        <translation>Der Drucker konnte nicht geöffnet werden.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>The printer refused the next page.</source>
        <translation>Der Drucker hat die nächste Seite abgelehnt.</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>The printer reported an error.</source>
        <translation>Der Drucker hat einen Fehler gemeldet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The print job could not be finished.</source>
        <translation>Der Druckauftrag konnte nicht abgeschlossen werden.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>A page could not be prepared for printing.</source>
        <translation>Eine Seite konnte nicht für den Druck vorbereitet werden.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Printer: {name}</source>
        <translation>Drucker: {name}</translation>
    </message>
</context>
<context>
    <name>PublishDialog</name>
    <message>
        <location filename="../../backoffice/ui/admin/version_dialogs.py" line="-94"/>
        <source>Publish v{version}: {service}</source>
        <extracomment>OK was pressed; the page runs the call and answers with succeeded() or failed().</extracomment>
        <translation>v{version} veröffentlichen: {service}</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>The configuration check found nothing. From the chosen day on, new applications arrive under v{version}; cases already received stay on the version they arrived under.</source>
        <translation>Die Konfigurationsprüfung hat nichts gefunden. Ab dem gewählten Tag gehen neue Anträge unter v{version} ein; schon eingegangene Fälle bleiben bei der Version, unter der sie eingingen.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Publish</source>
        <translation>Veröffentlichen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No version runs open-ended before it.</source>
        <translation>Vor ihr läuft keine Version ohne Enddatum.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>End v{version} (valid since {since}) on {last_day}, the day before</source>
        <translation>v{version} (gültig seit {since}) am {last_day} beenden, dem Tag davor</translation>
    </message>
</context>
<context>
    <name>QuarantineTab</name>
    <message>
        <location filename="../../backoffice/ui/delivery/quarantine.py" line="+50"/>
        <source>Held since</source>
        <extracomment>A retry was asked for (the panel reads the overview again). A retry failed: the message, translated, for the panel&apos;s message bar.</extracomment>
        <translation>Zurückgehalten seit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submission</source>
        <translation>Einreichung</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Select a held submission to see what failed.</source>
        <translation>Wählen Sie eine zurückgehaltene Einreichung, um zu sehen, was fehlschlug.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Let the next fetch take this submission in again</source>
        <translation>Beim nächsten Abruf diese Einreichung erneut annehmen</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>No decision was sent for these submissions: the failure was on our side. Fetching leaves them alone until you retry.</source>
        <translation>Zu diesen Einreichungen wurde keine Entscheidung gesendet: Der Fehler lag bei uns. Der Abruf lässt sie liegen, bis Sie es erneut versuchen.</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>The submission could not be released.</source>
        <translation>Die Einreichung konnte nicht freigegeben werden.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Held at: {step}</source>
        <translation>Zurückgehalten beim: {step}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Error: {error}</source>
        <translation>Fehler: {error}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts: {n}</source>
        <translation>Versuche: {n}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First held: {when}</source>
        <translation>Zuerst zurückgehalten: {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last held: {when}</source>
        <translation>Zuletzt zurückgehalten: {when}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Retry asked for by {who} at {when}</source>
        <translation>Erneuter Versuch angefordert von {who} am {when}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the system</source>
        <translation>dem System</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Service: {service}</source>
        <translation>Leistung: {service}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submission: {id}</source>
        <translation>Einreichung: {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Portal case: {id}</source>
        <translation>Vorgang im Portal: {id}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination: {id}</source>
        <translation>Zustellpunkt: {id}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>downloading</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>checking</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>signing the decision</source>
        <translation>Signieren der Entscheidung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>storing</source>
        <translation>Speichern</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>held</source>
        <translation>zurückgehalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retry at the next fetch</source>
        <translation>erneuter Versuch beim nächsten Abruf</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <location filename="../../backoffice/ui/inbox/bulk_dialogs.py" line="-51"/>
        <source>Goes into each case&apos;s history</source>
        <translation>Wird in den Verlauf jedes Falls eingetragen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reason (required)</source>
        <translation>Grund (erforderlich)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Please give a reason.</source>
        <translation>Bitte geben Sie einen Grund an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The reason is too long (at most {n} characters).</source>
        <translation>Der Grund ist zu lang (höchstens {n} Zeichen).</translation>
    </message>
</context>
<context>
    <name>RecordTable</name>
    <message>
        <location filename="../../backoffice/ui/admin/editor/records.py" line="+101"/>
        <source>Add</source>
        <extracomment>``text``, ``int`` (empty: None), ``check`` or ``choice`` (a combo box of ``choices``). A check box that cannot be changed for this record (e.g. a mandatory status). A record was edited, added, removed or moved. The current row (-1: none).</extracomment>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up</source>
        <translation>Nach oben</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Down</source>
        <translation>Nach unten</translation>
    </message>
</context>
<context>
    <name>RenameDialog</name>
    <message>
        <location filename="../../backoffice/ui/admin/users_page.py" line="+39"/>
        <source>Change name</source>
        <translation>Namen ändern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Login</source>
        <translation>Anmeldename</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
</context>
<context>
    <name>RerouteDialog</name>
    <message>
        <location filename="../../backoffice/ui/case/message_dialogs.py" line="+204"/>
        <source>Send by another channel</source>
        <translation>Auf anderem Weg senden</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“{subject}” could not be sent by {channel}. Choose another way to the applicant; the failed message stays on record.</source>
        <translation>„{subject}“ konnte nicht als {channel} gesendet werden. Wählen Sie einen anderen Weg zur antragstellenden Person; die fehlgeschlagene Nachricht bleibt in der Akte.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send by</source>
        <translation>Senden als</translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message>
        <location filename="../../backoffice/ui/admin/retention_page.py" line="+74"/>
        <source>Retention periods</source>
        <extracomment>The open confirmation (tests press its buttons).</extracomment>
        <translation>Aufbewahrungsfristen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+39"/>
        <location line="+33"/>
        <source>Service</source>
        <translation>Leistung</translation>
    </message>
    <message>
        <location line="-71"/>
        <location line="+72"/>
        <source>Version</source>
        <translation>Fassung</translation>
    </message>
    <message>
        <location line="-70"/>
        <source>Kept after closing</source>
        <translation>Aufbewahrt nach Abschluss</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n Jahr</numerusform>
            <numerusform>%n Jahre</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Set by</source>
        <translation>Festgelegt durch</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the service template (retention_years)</source>
        <translation>die Leistungsvorlage (retention_years)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the default</source>
        <translation>die Voreinstellung</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>A case takes the period of its service version when it closes; a new version of the template changes it for cases closed later.</source>
        <translation>Ein Fall erhält beim Abschluss die Frist seiner Fassung der Leistung; eine neue Fassung der Vorlage ändert sie für später abgeschlossene Fälle.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Due for deletion</source>
        <translation>Zur Löschung fällig</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+33"/>
        <source>File number</source>
        <translation>Aktenzeichen</translation>
    </message>
    <message>
        <location line="-31"/>
        <location line="+34"/>
        <source>Closed</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <location line="-33"/>
        <location line="+34"/>
        <source>Kept until</source>
        <translation>Aufbewahrt bis</translation>
    </message>
    <message>
        <location line="-28"/>
        <source>Double-click to open the case</source>
        <translation>Doppelklick öffnet den Fall</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete cases…</source>
        <translation>Fälle löschen …</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the case being deleted</source>
        <translation>Nach dem Fall anhalten, der gerade gelöscht wird</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Deleted cases (what remains, no personal data)</source>
        <translation>Gelöschte Fälle (was bleibt, ohne personenbezogene Daten)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>By</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Retention</source>
        <translation>Aufbewahrung</translation>
    </message>
    <message numerus="yes">
        <location line="+30"/>
        <source>&amp;Delete %n case(s)…</source>
        <translation>
            <numerusform>%n Fall &amp;löschen …</numerusform>
            <numerusform>%n Fälle &amp;löschen …</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nothing is due</source>
        <translation>Nichts ist fällig</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Delete cases</source>
        <translation>Fälle löschen</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Delete %n case(s) for good?</source>
        <translation>
            <numerusform>%n Fall endgültig löschen?</numerusform>
            <numerusform>%n Fälle endgültig löschen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weiterer</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{cases}

Each case is deleted with its form data, attachments, documents, history, read log and messages. Only the file number, service, version and dates remain. This cannot be undone.</source>
        <translation>{cases}

Jeder Fall wird mit Formulardaten, Anlagen, Dokumenten, Verlauf, Leseprotokoll und Nachrichten gelöscht. Es bleiben nur Aktenzeichen, Leistung, Fassung und Daten. Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>Delete %n case(s)</source>
        <translation>
            <numerusform>%n Fall löschen</numerusform>
            <numerusform>%n Fälle löschen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Deleting…</source>
        <translation>Wird gelöscht …</translation>
    </message>
    <message numerus="yes">
        <location line="+28"/>
        <source>%n case(s) deleted.</source>
        <translation>
            <numerusform>%n Fall gelöscht.</numerusform>
            <numerusform>%n Fälle gelöscht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n case(s) were no longer due (reopened meanwhile) and were kept.</source>
        <translation>
            <numerusform>%n Fall war nicht mehr fällig (inzwischen wieder eröffnet) und bleibt erhalten.</numerusform>
            <numerusform>%n Fälle waren nicht mehr fällig (inzwischen wieder eröffnet) und bleiben erhalten.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopped: the other cases stay due.</source>
        <translation>Angehalten: die übrigen Fälle bleiben fällig.</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../backoffice/ui/admin/users_page.py" line="-24"/>
        <source>Change role</source>
        <translation>Rolle ändern</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Role</source>
        <translation>&amp;Rolle</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <location filename="../../backoffice/ui/admin/services_page.py" line="+71"/>
        <location line="+67"/>
        <source>Draft</source>
        <translation>Entwurf</translation>
    </message>
    <message>
        <location line="-66"/>
        <source>Published</source>
        <translation>Veröffentlicht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ended</source>
        <translation>Beendet</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Service</source>
        <extracomment>Open the template editor on this service (its key): its draft, or a new one. After a change: the version to choose once the versions are read again. The version the administrator chose (kept when the lists are read again). The open dialogs (tests and the screenshots reach them here).</extracomment>
        <translation>Leistung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live</source>
        <translation>Aktuell</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+20"/>
        <source>Valid from</source>
        <translation>Gültig ab</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>v{version}</source>
        <translation>v{version}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open cases</source>
        <translation>Offene Fälle</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last day</source>
        <translation>Letzter Tag</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cases</source>
        <translation>Fälle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+248"/>
        <source>New draft</source>
        <translation>Neuer Entwurf</translation>
    </message>
    <message>
        <location line="-248"/>
        <source>Open the template editor</source>
        <translation>Den Vorlageneditor öffnen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard draft…</source>
        <translation>Entwurf verwerfen …</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Throw the draft away</source>
        <translation>Den Entwurf wegwerfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Restore as draft</source>
        <translation>Als Entwurf wiederherstellen</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+246"/>
        <source>The chosen version&apos;s content as a new draft</source>
        <translation>Der Inhalt der gewählten Version als neuer Entwurf</translation>
    </message>
    <message>
        <location line="-243"/>
        <source>Check</source>
        <translation>Prüfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>List everything in the chosen version that cannot work</source>
        <translation>Alles auflisten, was in der gewählten Version nicht funktionieren kann</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Differences…</source>
        <translation>Unterschiede …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The chosen version beside the version live today</source>
        <translation>Die gewählte Version neben der heute gültigen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Publish…</source>
        <translation>Veröffentlichen …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check the draft and make it valid from a day</source>
        <translation>Den Entwurf prüfen und ab einem Tag gültig machen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>End version…</source>
        <translation>Version beenden …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fix the last day of the chosen version</source>
        <translation>Den letzten Tag der gewählten Version festlegen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export…</source>
        <translation>Exportieren …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save the chosen version as a file</source>
        <translation>Die gewählte Version als Datei speichern</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Import…</source>
        <translation>Importieren …</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read a version from a file; a newer version becomes the draft</source>
        <translation>Eine Version aus einer Datei lesen; eine neuere Version wird zum Entwurf</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Configuration check</source>
        <translation>Konfigurationsprüfung</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+131"/>
        <source>Check a version to see what would stop it from working.</source>
        <translation>Prüfen Sie eine Version, um zu sehen, was ihr Funktionieren verhindern würde.</translation>
    </message>
    <message>
        <location line="-78"/>
        <source>&amp;Services</source>
        <translation>&amp;Leistungen</translation>
    </message>
    <message>
        <location line="+124"/>
        <source>{key} · live today: {live} · draft: {draft}</source>
        <translation>{key} · heute gültig: {live} · Entwurf: {draft}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>none</source>
        <translation>keiner</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Edit draft</source>
        <translation>Entwurf bearbeiten</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Publish or discard the draft first</source>
        <translation>Veröffentlichen oder verwerfen Sie zuerst den Entwurf</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Discard the draft</source>
        <translation>Den Entwurf verwerfen</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard draft v{version} of “{service}”? Its changes are lost.</source>
        <translation>Entwurf v{version} von „{service}“ verwerfen? Seine Änderungen gehen verloren.</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Draft v{version} of {key} discarded.</source>
        <translation>Entwurf v{version} von {key} verworfen.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>v{old} of {key} restored as draft v{new}.</source>
        <translation>v{old} von {key} als Entwurf v{new} wiederhergestellt.</translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>v{version}: %n problem(s) found; it cannot be published.</source>
        <translation>
            <numerusform>v{version}: %n Problem gefunden; sie kann nicht veröffentlicht werden.</numerusform>
            <numerusform>v{version}: %n Probleme gefunden; sie kann nicht veröffentlicht werden.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>v{version}: no problems found; it can be published.</source>
        <translation>v{version}: keine Probleme gefunden; sie kann veröffentlicht werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+47"/>
        <source>Draft v{version} cannot be published: the configuration check found %n problem(s), listed below. Nothing was changed.</source>
        <translation>
            <numerusform>Entwurf v{version} kann nicht veröffentlicht werden: Die Konfigurationsprüfung hat %n Problem gefunden (unten aufgeführt). Es wurde nichts geändert.</numerusform>
            <numerusform>Entwurf v{version} kann nicht veröffentlicht werden: Die Konfigurationsprüfung hat %n Probleme gefunden (unten aufgeführt). Es wurde nichts geändert.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%n problem(s) in the file; nothing was stored.</source>
        <translation>
            <numerusform>%n Problem in der Datei; es wurde nichts gespeichert.</numerusform>
            <numerusform>%n Probleme in der Datei; es wurde nichts gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+39"/>
        <source>That version no longer exists (someone else changed the service meanwhile); the list is read again.</source>
        <translation>Diese Version gibt es nicht mehr (jemand anderes hat die Leistung inzwischen geändert); die Liste wird neu gelesen.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>from the start</source>
        <translation>von Anfang an</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>live today</source>
        <translation>heute gültig</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>scheduled</source>
        <translation>geplant</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <location filename="../../backoffice/ui/setup/pages.py" line="-248"/>
        <source>The database cannot be used.</source>
        <translation>Die Datenbank kann nicht verwendet werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The portal connection does not work.</source>
        <translation>Die Verbindung zum Portal funktioniert nicht.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The keyring for the portal secret cannot be used.</source>
        <translation>Der Schlüsselbund für das Portal-Geheimnis kann nicht verwendet werden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The data folder cannot be used.</source>
        <translation>Der Datenordner kann nicht verwendet werden.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The administrator cannot be added.</source>
        <translation>Die Administratorin / der Administrator kann nicht angelegt werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The setup did not succeed.</source>
        <translation>Die Einrichtung ist nicht gelungen.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Testing…</source>
        <translation>Wird geprüft …</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../backoffice/ui/setup/wizard.py" line="+100"/>
        <source>Set up Rathaus Backoffice</source>
        <translation>Rathaus Backoffice einrichten</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Database: {what}</source>
        <translation>Datenbank: {what}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>this computer ({folder})</source>
        <translation>dieser Computer ({folder})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This computer joins the team&apos;s existing installation.</source>
        <translation>Dieser Computer schließt sich der bestehenden Installation des Teams an.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Administrator: {name} ({login})</source>
        <translation>Administration: {name} ({login})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Town: {name}</source>
        <translation>Kommune: {name}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Portal: {address}</source>
        <translation>Portal: {address}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Portal: not now</source>
        <translation>Portal: nicht jetzt</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Setting up…</source>
        <translation>Wird eingerichtet …</translation>
    </message>
</context>
<context>
    <name>StatusManyDialog</name>
    <message>
        <location filename="../../backoffice/ui/inbox/bulk_dialogs.py" line="+43"/>
        <location line="+2"/>
        <source>Change status</source>
        <translation>Status ändern</translation>
    </message>
    <message numerus="yes">
        <location line="-1"/>
        <source>Move the %n selected case(s) to:</source>
        <translation>
            <numerusform>Den %n ausgewählten Fall setzen auf:</numerusform>
            <numerusform>Die %n ausgewählten Fälle setzen auf:</numerusform>
        </translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reason for the file; the applicant does not see it</source>
        <translation>Begründung für die Akte; die antragstellende Person sieht sie nicht</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The same message goes to every applicant</source>
        <translation>Jede antragstellende Person erhält dieselbe Nachricht</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>New status</source>
        <translation>Neuer Status</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Comment (required)</source>
        <translation>Kommentar (erforderlich)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment</source>
        <translation>Kommentar</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message to the applicants (required)</source>
        <translation>Nachricht an die Antragstellenden (erforderlich)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message to the applicants (optional)</source>
        <translation>Nachricht an die Antragstellenden (freiwillig)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cases without a certificate will be refused.</source>
        <translation>Fälle ohne Bescheinigung werden abgelehnt.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cases whose step needs a second person&apos;s approval are refused.</source>
        <translation>Fälle, deren Schritt eine Freigabe durch eine zweite Person braucht, werden abgelehnt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No status change is possible for every selected case.</source>
        <translation>Kein Statuswechsel ist für alle ausgewählten Fälle möglich.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please give a comment.</source>
        <translation>Bitte geben Sie einen Kommentar an.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Please write the message to the applicants.</source>
        <translation>Bitte schreiben Sie die Nachricht an die Antragstellenden.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The comment is too long (at most {n} characters).</source>
        <translation>Der Kommentar ist zu lang (höchstens {n} Zeichen).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The message is too long (at most {n} characters).</source>
        <translation>Die Nachricht ist zu lang (höchstens {n} Zeichen).</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <location filename="../../backoffice/ui/setup/pages.py" line="+236"/>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Finish sets up the program and opens it.</source>
        <translation>„Fertigstellen“ richtet das Programm ein und öffnet es.</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <location filename="../../backoffice/ui/delivery/sync.py" line="+96"/>
        <source>&amp;Fetch from portal</source>
        <extracomment>``Progress.phase`` of the report that starts a destination (``current``: its id). An error that ended the run early (opening the session, or a destination&apos;s sync). The clerk (or the program closing) asked it to stop. A sync has started (``automatic``: started by the timer). A progress report of the running sync (:class:`Progress`). The sync ended (:class:`SyncOutcome`). A stop was requested; the run ends after the current submission.</extracomment>
        <translation>Vom &amp;Portal abrufen</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Stop fetching</source>
        <translation>Abruf a&amp;nhalten</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Stop after the current application; what arrived so far is kept</source>
        <translation>Nach dem aktuellen Antrag anhalten; was bis dahin angekommen ist, bleibt erhalten</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>The portal connection is not configured. An administrator sets it up with backoffice portal configure.</source>
        <translation>Die Portalverbindung ist nicht eingerichtet. Eine Administratorin oder ein Administrator richtet sie mit backoffice portal configure ein.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your role may not fetch applications from the portal.</source>
        <translation>Ihre Rolle darf keine Anträge vom Portal abrufen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetching from the portal…</source>
        <translation>Abruf vom Portal läuft…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fetch new applications from the portal ({key})</source>
        <translation>Neue Anträge vom Portal abrufen ({key})</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <location filename="../../backoffice/ui/delivery/sync_status.py" line="+73"/>
        <source>Fetching from the portal…</source>
        <extracomment>The clerk wants the details (the delivery panel).</extracomment>
        <translation>Abruf vom Portal läuft…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Destination {n} of {total}: </source>
        <translation>Zustellpunkt {n} von {total}: </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Fetching application {n} of {total}…</source>
        <translation>Antrag {n} von {total} wird abgerufen…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Asking the portal for new applications…</source>
        <translation>Portal wird nach neuen Anträgen gefragt…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Stopping after the current application…</source>
        <translation>Wird nach dem aktuellen Antrag angehalten…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fetching failed</source>
        <translation>Abruf fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>{summary}; then it failed</source>
        <translation>{summary}; danach fehlgeschlagen</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Portal: not configured</source>
        <translation>Portal: nicht eingerichtet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No portal connection is set up on this computer; applications are not fetched. An administrator sets it up with backoffice portal configure.</source>
        <translation>Auf diesem Computer ist keine Portalverbindung eingerichtet; es werden keine Anträge abgerufen. Eine Administratorin oder ein Administrator richtet sie mit backoffice portal configure ein.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Portal: not fetched yet</source>
        <translation>Portal: noch nicht abgerufen</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n message(s) failed</source>
        <translation>
            <numerusform>%n Nachricht fehlgeschlagen</numerusform>
            <numerusform>%n Nachrichten fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n message(s) waiting</source>
        <translation>
            <numerusform>%n Nachricht wartet</numerusform>
            <numerusform>%n Nachrichten warten</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show the delivery panel</source>
        <translation>Zustellung und Portal anzeigen</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>Portal: fetching failed at {when}</source>
        <translation>Portal: Abruf fehlgeschlagen am {when}</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>Sending confirmations and messages to applicants…</source>
        <translation>Bestätigungen und Nachrichten an Antragstellende werden gesendet…</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Portal: last fetched {when}</source>
        <translation>Portal: zuletzt abgerufen am {when}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>{destination}: last success {success}, last attempt {attempt}</source>
        <translation>{destination}: zuletzt erfolgreich {success}, letzter Versuch {attempt}</translation>
    </message>
</context>
<context>
    <name>TemplateDiffView</name>
    <message>
        <location filename="../../backoffice/ui/admin/diff.py" line="-196"/>
        <source>Before</source>
        <translation>Vorher</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>After</source>
        <translation>Nachher</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Entry</source>
        <translation>Eintrag</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <location filename="../../backoffice/ui/admin/editor/dialog.py" line="+133"/>
        <source>Service template {key}</source>
        <extracomment>Milliseconds of quiet before the check runs again, and before the preview renders again. The draft&apos;s version number, or None when this will be a new draft. The version a new draft starts from. The draft was saved (the service key).</extracomment>
        <translation>Leistungsvorlage {key}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Loading {key}…</source>
        <translation>{key} wird geladen …</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>General</source>
        <translation>Allgemein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Form</source>
        <translation>Formular</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Workflow</source>
        <translation>Ablauf</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checklist</source>
        <translation>Checkliste</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Messages</source>
        <translation>Nachrichten</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Certificate</source>
        <translation>Bescheinigung</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Configuration check</source>
        <translation>Konfigurationsprüfung</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>&amp;Save draft</source>
        <translation>Entwurf &amp;speichern</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Store as the service&apos;s draft (Ctrl+S)</source>
        <translation>Als Entwurf der Leistung speichern (Strg+S)</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>The template {key} cannot be edited.</source>
        <translation>Die Vorlage {key} kann nicht bearbeitet werden.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>There is no service {key}.</source>
        <translation>Es gibt keine Leistung {key}.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>{name} ({key}): draft version {version}</source>
        <translation>{name} ({key}): Entwurf, Fassung {version}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{name} ({key}): a new draft, starting from version {version}</source>
        <translation>{name} ({key}): ein neuer Entwurf auf Grundlage der Fassung {version}</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The JSON was applied to the pages.</source>
        <translation>Das JSON wurde in die Seiten übernommen.</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Configuration check: no problems; this version can be published.</source>
        <translation>Konfigurationsprüfung: keine Probleme; diese Fassung kann veröffentlicht werden.</translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>Configuration check: %n problem(s) to solve before publishing</source>
        <translation>
            <numerusform>Konfigurationsprüfung: %n Problem vor dem Veröffentlichen zu lösen</numerusform>
            <numerusform>Konfigurationsprüfung: %n Probleme vor dem Veröffentlichen zu lösen</numerusform>
        </translation>
    </message>
    <message>
        <location line="+87"/>
        <source>Saved as draft version {version}. It takes effect when it is published.</source>
        <translation>Als Entwurf (Fassung {version}) gespeichert. Er wird wirksam, sobald er veröffentlicht ist.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>The draft was not saved: the check found {count} problem(s).</source>
        <translation>Der Entwurf wurde nicht gespeichert: Die Prüfung hat {count} Problem(e) gefunden.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The draft was not saved: someone saved a draft of this service meanwhile. Your changes are still here; replace that draft with them, or close without saving and open the other draft.</source>
        <translation>Der Entwurf wurde nicht gespeichert: Inzwischen hat jemand einen Entwurf dieser Leistung gespeichert. Ihre Änderungen sind noch da; ersetzen Sie jenen Entwurf damit, oder schließen Sie ohne Speichern und öffnen Sie den anderen Entwurf.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Replace that draft</source>
        <translation>Jenen Entwurf ersetzen</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The draft was not saved; your changes are still here.</source>
        <translation>Der Entwurf wurde nicht gespeichert; Ihre Änderungen sind noch da.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Unsaved changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The template {key} has unsaved changes.</source>
        <translation>Die Vorlage {key} hat ungespeicherte Änderungen.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save them as the draft before closing?</source>
        <translation>Vor dem Schließen als Entwurf speichern?</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/admin/editor/findings.py" line="+33"/>
        <source>message for “{status}”, {language}</source>
        <extracomment>The editor&apos;s pages, by the first key of a finding&apos;s JSON path.</extracomment>
        <translation>Nachricht für „{status}“, {language}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>label of field {field} in group {group}, {language}</source>
        <translation>Bezeichnung von Feld {field} in Gruppe {group}, {language}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>label of group {group}, {language}</source>
        <translation>Bezeichnung von Gruppe {group}, {language}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>label of checklist item {item}, {language}</source>
        <translation>Bezeichnung von Checklistenpunkt {item}, {language}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>certificate title</source>
        <translation>Titel der Bescheinigung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>certificate text</source>
        <translation>Text der Bescheinigung</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>service name</source>
        <translation>Name der Leistung</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The open status “{status}” has no way out.</source>
        <translation>Der offene Status „{status}“ hat keinen Ausgang.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No transition leads to the status “{status}”.</source>
        <translation>Kein Übergang führt zum Status „{status}“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A transition uses the status “{status}”, which is not in use.</source>
        <translation>Ein Übergang verwendet den Status „{status}“, der nicht in Gebrauch ist.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The message for “{status}” is missing.</source>
        <translation>Die Nachricht für „{status}“ fehlt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A transition is not part of the core workflow ({detail}).</source>
        <translation>Ein Übergang gehört nicht zum Grundablauf ({detail}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A transition requires something nobody can provide ({detail}).</source>
        <translation>Ein Übergang verlangt etwas, das niemand erbringen kann ({detail}).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A text is empty: {place}.</source>
        <translation>Ein Text ist leer: {place}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Unknown placeholder {{{name}}} in the {place}.</source>
        <translation>Unbekannter Platzhalter {{{name}}} in: {place}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A curly brace that is not a placeholder in the {place}.</source>
        <translation>Eine geschweifte Klammer, die kein Platzhalter ist, in: {place}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The checklist has the item key “{key}” twice.</source>
        <translation>Die Checkliste enthält den Schlüssel „{key}“ zweimal.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The checklist item “{key}” names “{status}”, which is not a status.</source>
        <translation>Der Checklistenpunkt „{key}“ nennt „{status}“, das ist kein Status.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The checklist item “{key}” is needed before “{status}”, which is not in use.</source>
        <translation>Der Checklistenpunkt „{key}“ ist vor „{status}“ nötig, dieser Status wird aber nicht verwendet.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Unknown certificate layout “{layout}”.</source>
        <translation>Unbekanntes Layout der Bescheinigung „{layout}“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The certificate layout prints the field {field}, which the form lacks.</source>
        <translation>Das Layout der Bescheinigung druckt das Feld {field}, das im Formular fehlt.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not in the template format: {path}: {detail}</source>
        <translation>Entspricht nicht dem Vorlagenformat: {path}: {detail}</translation>
    </message>
    <message>
        <location filename="../../backoffice/ui/admin/editor/sections.py" line="-793"/>
        <source>German</source>
        <translation>Deutsch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>English</source>
        <translation>Englisch</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Text (one line)</source>
        <translation>Text (einzeilig)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text (several lines)</source>
        <translation>Text (mehrzeilig)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Date</source>
        <translation>Datum</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Number</source>
        <translation>Zahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yes/no</source>
        <translation>Ja/Nein</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choice</source>
        <translation>Auswahl</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail address</source>
        <translation>E-Mail-Adresse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Phone number</source>
        <translation>Telefonnummer</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Comment</source>
        <translation>Begründung</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document</source>
        <translation>Dokument</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Second approval</source>
        <translation>Zweite Freigabe</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Civil-status certificate (framed, serif)</source>
        <translation>Personenstandsurkunde (gerahmt, Serifenschrift)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Confirmation (letterhead, facts at the top right)</source>
        <translation>Bescheinigung (Briefkopf, Angaben oben rechts)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Permit (card with QR code)</source>
        <translation>Ausweis (Karte mit QR-Code)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice (letter for a window envelope)</source>
        <translation>Bescheid (Brief für Fensterumschlag)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>our file number, e.g. GEB-2026-000123</source>
        <translation>unser Aktenzeichen, z. B. GEB-2026-000123</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the service&apos;s name in the applicant&apos;s language</source>
        <translation>der Name der Leistung in der Sprache der antragstellenden Person</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the applicant&apos;s given name</source>
        <translation>der Vorname der antragstellenden Person</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the applicant&apos;s family name</source>
        <translation>der Familienname der antragstellenden Person</translation>
    </message>
</context>
<context>
    <name>TemplateTransfer</name>
    <message>
        <location filename="../../backoffice/ui/admin/transfer.py" line="+55"/>
        <source>Export a template version</source>
        <extracomment>A short confirmation for the status bar. Nothing was imported: the message and the findings (empty if the file was unreadable). An import went through: the message, the service key and the version. A service call or the file failed (the exception). The file dialog while it is open.</extracomment>
        <translation>Eine Vorlagenversion exportieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+28"/>
        <source>Template files (*.json)</source>
        <translation>Vorlagendateien (*.json)</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>v{version} of {key} saved to {path}.</source>
        <translation>v{version} von {key} gespeichert unter {path}.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Import a template version</source>
        <translation>Eine Vorlagenversion importieren</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>{file} cannot be read as a template file: {reason}. Nothing was stored.</source>
        <translation>{file} lässt sich nicht als Vorlagendatei lesen: {reason}. Es wurde nichts gespeichert.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>{file} cannot be imported: %n problem(s), listed below. Nothing was stored.</source>
        <translation>
            <numerusform>{file} kann nicht importiert werden: %n Problem (unten aufgeführt). Es wurde nichts gespeichert.</numerusform>
            <numerusform>{file} kann nicht importiert werden: %n Probleme (unten aufgeführt). Es wurde nichts gespeichert.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>v{version} of {key} is here already: nothing changed.</source>
        <translation>v{version} von {key} ist schon vorhanden: nichts geändert.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>v{version} of {key} imported as a draft.</source>
        <translation>v{version} von {key} als Entwurf importiert.</translation>
    </message>
</context>
<context>
    <name>Texts</name>
    <message>
        <location filename="../../backoffice/ui/texts.py" line="+40"/>
        <source>… ({n} more characters)</source>
        <extracomment>A form value longer than this is cut (the rest is counted): bounded, like all citizen data.</extracomment>
        <translation>… ({n} weitere Zeichen)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Times in German time (Europe/Berlin)</source>
        <translation>Zeiten in deutscher Zeit (Europe/Berlin)</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+1"/>
        <source>ticked checklist items</source>
        <translation>abgehakte Punkte der Checkliste</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>nobody</source>
        <translation>niemand</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>(Berlin)</source>
        <translation>(Berlin)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>not identified</source>
        <translation>nicht identifiziert</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The applicant did not sign in with an identity account; check identity before relying on the request.</source>
        <translation>Die antragstellende Person hat sich nicht mit einem Nutzerkonto identifiziert. Prüfen Sie die Identität, bevor Sie sich auf den Antrag verlassen.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>identification report</source>
        <translation>Identifikationsnachweis</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The portal sent an identification report (version {version}); this program does not evaluate its level of assurance yet.</source>
        <translation>Das Portal hat einen Identifikationsnachweis geschickt (Version {version}); sein Vertrauensniveau wertet dieses Programm noch nicht aus.</translation>
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
        <location line="+2"/>
        <source>damaged: cannot be opened</source>
        <translation>beschädigt: lässt sich nicht öffnen</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>declared as {declared}, but the content is {actual}</source>
        <translation>angegeben als {declared}, der Inhalt ist aber {actual}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the content is of no known type; declared as {declared}</source>
        <translation>der Inhalt hat keinen bekannten Typ; angegeben als {declared}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>the file is damaged and cannot be opened; ask the applicant to send it again</source>
        <translation>Die Datei ist beschädigt und lässt sich nicht öffnen; bitten Sie die antragstellende Person, sie erneut zu senden.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>(nested too deeply to show)</source>
        <translation>(zu tief verschachtelt, um es anzuzeigen)</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+116"/>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <location line="-112"/>
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
        <location line="+3"/>
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
        <location line="+4"/>
        <source>{who} printed the letter</source>
        <translation>{who} hat den Brief gedruckt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Message to the applicant opened as a reply at the portal</source>
        <translation>Nachricht an die antragstellende Person im Portal als Antwort angelegt</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{who} ticked “{item}”</source>
        <translation>{who} hat „{item}“ abgehakt</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{who} unticked “{item}”</source>
        <translation>{who} hat den Haken bei „{item}“ entfernt</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The applicant sent the form again</source>
        <translation>Die antragstellende Person hat das Formular erneut gesendet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The applicant answered</source>
        <translation>Die antragstellende Person hat geantwortet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>New attachments: {names}</source>
        <translation>Neue Anlagen: {names}</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The form data of the case is unchanged; see the attachments.</source>
        <translation>Die Formulardaten des Falls sind unverändert; siehe die Anlagen.</translation>
    </message>
    <message>
        <location line="+23"/>
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
        <location line="+4"/>
        <source>{who} approved your request: case {file} is now “{new}”.</source>
        <translation>{who} hat Ihre Anfrage genehmigt: Der Fall {file} ist jetzt „{new}“.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{who} refused your request to move case {file} to “{new}”: {reason}</source>
        <translation>{who} hat Ihre Anfrage abgelehnt, den Fall {file} auf „{new}“ zu setzen: {reason}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The applicant answered on case {file}.</source>
        <translation>Die antragstellende Person hat zu Fall {file} geantwortet.</translation>
    </message>
    <message>
        <location line="+9"/>
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
    <name>Tile</name>
    <message>
        <location filename="../../backoffice/ui/dashboard/tile.py" line="+50"/>
        <source>What this figure counts</source>
        <extracomment>Show the cases behind the headline (the filter, what it is called).</extracomment>
        <translation>Was diese Zahl zählt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Show cases</source>
        <translation>Fälle zeigen</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>List these cases in the inbox</source>
        <translation>Diese Fälle im Posteingang zeigen</translation>
    </message>
</context>
<context>
    <name>TownPage</name>
    <message>
        <location filename="../../backoffice/ui/setup/pages.py" line="-95"/>
        <source>Your town</source>
        <translation>Ihre Kommune</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name and address as they appear on certificates and letters.</source>
        <translation>Name und Anschrift, wie sie auf Urkunden und Briefen stehen.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Stadt Musterhausen</source>
        <translation>z. B. Stadt Musterhausen</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Bürgerbüro</source>
        <translation>z. B. Bürgerbüro</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Office (optional):</source>
        <translation>Dienststelle (optional):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Street and number:</source>
        <translation>Straße und Hausnummer:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Postcode:</source>
        <translation>Postleitzahl:</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>City:</source>
        <translation>Ort:</translation>
    </message>
</context>
<context>
    <name>TransitionDialog</name>
    <message>
        <location filename="../../backoffice/ui/case/dialogs.py" line="-243"/>
        <source>Change status</source>
        <extracomment>The channel lacks an address or key: changing without a message is offered.</extracomment>
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
        <location line="+8"/>
        <source>Added below the service&apos;s text for this status</source>
        <translation>Wird unter dem Text der Leistung für diesen Status angefügt</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your words to the applicant (required)</source>
        <translation>Ihre Worte an die antragstellende Person (erforderlich)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your words to the applicant (optional)</source>
        <translation>Ihre Worte an die antragstellende Person (freiwillig)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Change the status without a message</source>
        <translation>Status ohne Nachricht ändern</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The applicant is not told of this change. You can write to them by another channel afterwards (Messages tab, “Write to the applicant”).</source>
        <translation>Die antragstellende Person erfährt von dieser Änderung nichts. Sie können ihr danach auf einem anderen Weg schreiben (Reiter „Nachrichten“, „An Antragsteller schreiben“).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the message for this status once more</source>
        <translation>Die Nachricht zu diesem Status noch einmal senden</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Nothing is sent: the applicant is not told.</source>
        <translation>Es wird nichts gesendet: Die antragstellende Person wird nicht benachrichtigt.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The applicant was told about this status before; nothing is sent again unless you tick “Send again” or write something new.</source>
        <translation>Die antragstellende Person wurde über diesen Status bereits benachrichtigt; es wird nichts erneut gesendet, außer Sie wählen „Erneut senden“ oder schreiben etwas Neues.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Updating the preview…</source>
        <translation>Vorschau wird aktualisiert…</translation>
    </message>
    <message>
        <location line="-48"/>
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
<context>
    <name>UsersPage</name>
    <message>
        <location filename="../../backoffice/ui/admin/users_page.py" line="+48"/>
        <source>People sign in with their operating-system login. Users are never deleted: a deactivated user can no longer work, and their name stays in every history.</source>
        <extracomment>The open dialog or confirmation (tests press its buttons).</extracomment>
        <translation>Die Anmeldung erfolgt mit dem Benutzerkonto des Betriebssystems. Benutzer werden nie gelöscht: Wer deaktiviert ist, kann nicht mehr arbeiten; der Name bleibt in jedem Verlauf erhalten.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Login</source>
        <translation>Anmeldename</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Active</source>
        <translation>Aktiv</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Last change</source>
        <translation>Letzte Änderung</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>As recorded in the administration&apos;s trail (Berlin)</source>
        <translation>Laut Protokoll der Verwaltung (Berliner Zeit)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Add user…</source>
        <translation>Benutzer &amp;hinzufügen …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change &amp;role…</source>
        <translation>&amp;Rolle ändern …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Change &amp;name…</source>
        <translation>&amp;Namen ändern …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Deaktivieren …</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The user can no longer work; their name stays in every history</source>
        <translation>Die Person kann nicht mehr arbeiten; ihr Name bleibt in jedem Verlauf erhalten</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Reac&amp;tivate</source>
        <translation>&amp;Wieder aktivieren</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Users and roles</source>
        <translation>Benutzer und Rollen</translation>
    </message>
    <message>
        <location line="+58"/>
        <source>{name} ({login}) was added as {role}.</source>
        <translation>{name} ({login}) wurde als {role} hinzugefügt.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{name} is now {role}.</source>
        <translation>{name} hat jetzt die Rolle {role}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{login} is now called {name}.</source>
        <translation>{login} heißt jetzt {name}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Deactivate user</source>
        <translation>Benutzer deaktivieren</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Deactivate {name} ({login})?</source>
        <translation>{name} ({login}) deaktivieren?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>They can no longer work with the program. Nothing is deleted: their name stays in every history, and you can reactivate them later. Cases they hold stay with them until a team lead moves them.</source>
        <translation>Die Person kann nicht mehr mit dem Programm arbeiten. Nichts wird gelöscht: ihr Name bleibt in jedem Verlauf erhalten, und sie lässt sich später wieder aktivieren. Ihre Fälle bleiben bei ihr, bis eine Teamleitung sie umverteilt.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Deactivate</source>
        <translation>Deaktivieren</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>{name} is deactivated.</source>
        <translation>{name} ist deaktiviert.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>{name} is active again.</source>
        <translation>{name} ist wieder aktiv.</translation>
    </message>
</context>
<context>
    <name>VersionPublishing</name>
    <message>
        <location filename="../../backoffice/ui/admin/publishing.py" line="+105"/>
        <source>v{version} of {key} published, valid from {day}.</source>
        <extracomment>The check ran (the version, its findings): the page lists them. The draft was not offered for publishing (the version, its findings). Something changed: the status bar text and the version to choose afterwards. A service call failed outside a dialog (the exception).</extracomment>
        <translation>v{version} von {key} veröffentlicht, gültig ab {day}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>v{version} ends the day before.</source>
        <translation>v{version} endet am Tag davor.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tick “End v{version}” to end it on the day before the new version starts.</source>
        <translation>Kreuzen Sie „v{version} … beenden“ an, um sie am Tag vor dem Beginn der neuen Version zu beenden.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Choose a later day, or end v{version} first so that the periods do not overlap.</source>
        <translation>Wählen Sie einen späteren Tag, oder beenden Sie zuerst v{version}, damit sich die Zeiträume nicht überschneiden.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>v{version} of {key} is valid until {day} (inclusive).</source>
        <translation>v{version} von {key} ist bis einschließlich {day} gültig.</translation>
    </message>
</context>
<context>
    <name>WelcomeDialog</name>
    <message>
        <location filename="../../backoffice/ui/setup/wizard.py" line="-125"/>
        <source>Welcome – Rathaus Backoffice</source>
        <translation>Willkommen – Rathaus Backoffice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Welcome to Rathaus Backoffice</source>
        <translation>Willkommen bei Rathaus Backoffice</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This computer has no Rathaus Backoffice set up yet. You can look around in a demo with made-up applications first, or set the program up for your town hall now.</source>
        <translation>Auf diesem Computer ist Rathaus Backoffice noch nicht eingerichtet. Sie können sich zuerst in einer Demo mit erfundenen Anträgen umsehen oder das Programm jetzt für Ihr Rathaus einrichten.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Try the demo</source>
        <translation>Demo ausprobieren</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set up…</source>
        <translation>Einrichten …</translation>
    </message>
</context>
<context>
    <name>WorkflowSection</name>
    <message>
        <location filename="../../backoffice/ui/admin/editor/sections.py" line="+414"/>
        <source>Used</source>
        <extracomment>The statuses in use changed (the texts section follows).</extracomment>
        <translation>Verwendet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Label ({language})</source>
        <translation>Bezeichnung ({language})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Allowed</source>
        <translation>Erlaubt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>From</source>
        <translation>Von</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>To</source>
        <translation>Nach</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Statuses (received, in progress, completed and rejected are mandatory)</source>
        <translation>Status (Eingegangen, In Bearbeitung, Abgeschlossen und Abgelehnt sind Pflicht)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Transitions and what each needs</source>
        <translation>Übergänge und was jeder verlangt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Only the transitions of the core workflow can be allowed. Comment: an internal note; Document: a generated certificate on the case; Message: an individual message to the applicant; Second approval: another person (a team lead) approves the change before it takes effect.</source>
        <translation>Nur die Übergänge des Grundablaufs können erlaubt werden. Begründung: ein interner Vermerk; Dokument: eine erzeugte Bescheinigung am Fall; Nachricht: eine persönliche Nachricht an die antragstellende Person; Zweite Freigabe: eine weitere Person (eine Teamleitung) gibt die Änderung frei, bevor sie wirksam wird.</translation>
    </message>
</context>
<context>
    <name>WriteMessageDialog</name>
    <message>
        <location filename="../../backoffice/ui/case/message_dialogs.py" line="-79"/>
        <source>Write to the applicant</source>
        <translation>An Antragsteller schreiben</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{file}: a message to the applicant</source>
        <translation>{file}: eine Nachricht an die antragstellende Person</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>What the applicant should read</source>
        <translation>Was die antragstellende Person lesen soll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Message</source>
        <translation>Nachricht</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send by</source>
        <translation>Senden als</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+13"/>
        <source>Write your message; the preview appears here.</source>
        <translation>Schreiben Sie Ihre Nachricht; die Vorschau erscheint hier.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>The message is too long (at most {n} characters).</source>
        <translation>Die Nachricht ist zu lang (höchstens {n} Zeichen).</translation>
    </message>
</context>
<context>
    <name>_ChannelMessageDialog</name>
    <message>
        <location line="-72"/>
        <source>Updating the preview…</source>
        <extracomment>The preview of a message on a channel (for the clerk&apos;s text).</extracomment>
        <translation>Vorschau wird aktualisiert…</translation>
    </message>
</context>
</TS>
