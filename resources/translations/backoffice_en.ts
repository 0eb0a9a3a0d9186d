<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AbsenceDialog</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/dashboard/absences.py" line="+341"/>
        <source>%n open case(s) moved.</source>
        <translation>
            <numerusform>%n open case moved.</numerusform>
            <numerusform>%n open cases moved.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n case(s) given back.</source>
        <translation>
            <numerusform>%n case given back.</numerusform>
            <numerusform>%n cases given back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n case(s) refused.</source>
        <translation>
            <numerusform>%n case refused.</numerusform>
            <numerusform>%n cases refused.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AssignManyDialog</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/inbox/bulk_dialogs.py" line="+131"/>
        <source>Who should work on the %n selected case(s)?</source>
        <translation>
            <numerusform>Who should work on the %n selected case?</numerusform>
            <numerusform>Who should work on the %n selected cases?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/admin/audit_page.py" line="+414"/>
        <source>Intact: %n case chain(s) and the administration&apos;s trail.</source>
        <translation>
            <numerusform>Intact: %n case chain and the administration&apos;s trail.</numerusform>
            <numerusform>Intact: %n case chains and the administration&apos;s trail.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>… and %n more case(s)</source>
        <translation>
            <numerusform>… and %n more case</numerusform>
            <numerusform>… and %n more cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkActions</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/inbox/bulk.py" line="+205"/>
        <source>%n case(s) selected</source>
        <translation>
            <numerusform>%n case selected</numerusform>
            <numerusform>%n cases selected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+57"/>
        <source>You take over the %n selected case(s) from whoever holds them.</source>
        <translation>
            <numerusform>You take over the %n selected case from whoever holds it.</numerusform>
            <numerusform>You take over the %n selected cases from whoever holds them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+22"/>
        <source>Nobody will hold the %n selected case(s) afterwards.</source>
        <translation>
            <numerusform>Nobody will hold the %n selected case afterwards.</numerusform>
            <numerusform>Nobody will hold the %n selected cases afterwards.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/case/header.py" line="+117"/>
        <source>(%n working day(s) left)</source>
        <translation>
            <numerusform>(%n working day left)</numerusform>
            <numerusform>(%n working days left)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DashboardPanel</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/dashboard/panel.py" line="+86"/>
        <source>last %n week(s)</source>
        <extracomment>Age bands from fresh (green) to old (red). The periods a team lead can choose (weeks). Show these cases in the inbox (a CaseFilter, what they are called). A new set of figures is shown.</extracomment>
        <translation>
            <numerusform>last %n week</numerusform>
            <numerusform>last %n weeks</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+347"/>
        <source>%n person(s) hold work</source>
        <translation>
            <numerusform>%n person holds work</numerusform>
            <numerusform>%n people hold work</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DiffDialog</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/admin/diff.py" line="+347"/>
        <source>%n change(s): </source>
        <translation>
            <numerusform>%n change: </numerusform>
            <numerusform>%n changes: </numerusform>
        </translation>
    </message>
</context>
<context>
    <name>InboxPanel</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/inbox/panel.py" line="+494"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LetterPrinter</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/printing.py" line="+398"/>
        <source>Letters (%n)</source>
        <extracomment>Printed, and marked printed where asked (``PrintReport.marked``). Printed, but the clerk said not everything came out: nothing marked. No letter could be read: nothing went to the printer. The letters asked for. The letters that went to the printer. The letters marked printed now. Letters left out or not marked, and why (plain text). Why it failed, for the clerk. Printing ended (a :class:`PrintReport`), whatever the outcome. A short confirmation for the status bar. Pages handed to the printer so far, of how many. The question or the error shown now, if any (tests answer it).</extracomment>
        <translation>
            <numerusform>Letters (%n)</numerusform>
            <numerusform>Letters (%n)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>Print %n letter(s)</source>
        <translation>
            <numerusform>Print %n letter</numerusform>
            <numerusform>Print %n letters</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+24"/>
        <source>Reading %n letter(s)…</source>
        <translation>
            <numerusform>Reading %n letter…</numerusform>
            <numerusform>Reading %n letters…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+51"/>
        <source>Printing %n letter(s)…</source>
        <translation>
            <numerusform>Printing %n letter…</numerusform>
            <numerusform>Printing %n letters…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>%n letter(s) printed again.</source>
        <translation>
            <numerusform>%n letter printed again.</numerusform>
            <numerusform>%n letters printed again.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%n letter(s) went to the printer. Did every page come out correctly?</source>
        <translation>
            <numerusform>%n letter went to the printer. Did every page come out correctly?</numerusform>
            <numerusform>%n letters went to the printer. Did every page come out correctly?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+52"/>
        <source>%n letter(s) marked printed.</source>
        <translation>
            <numerusform>%n letter marked printed.</numerusform>
            <numerusform>%n letters marked printed.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PortalSync</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/delivery/portal.py" line="+102"/>
        <source>%n application(s) could not be fetched completely; the portal keeps them and they are fetched again next time:</source>
        <translation>
            <numerusform>%n application could not be fetched completely; the portal keeps it and it is fetched again next time:</numerusform>
            <numerusform>%n applications could not be fetched completely; the portal keeps them and they are fetched again next time:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PortalTexts</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/portal_texts.py" line="+204"/>
        <source>%n new application(s)</source>
        <translation>
            <numerusform>%n new application</numerusform>
            <numerusform>%n new applications</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n answer(s) from applicants</source>
        <translation>
            <numerusform>%n answer from an applicant</numerusform>
            <numerusform>%n answers from applicants</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n rejected</source>
        <translation>
            <numerusform>%n rejected</numerusform>
            <numerusform>%n rejected</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n postponed</source>
        <translation>
            <numerusform>%n postponed</numerusform>
            <numerusform>%n postponed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintQueueTab</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/delivery/print_queue.py" line="+232"/>
        <source>waiting, %n enclosure(s)</source>
        <translation>
            <numerusform>waiting, %n enclosure</numerusform>
            <numerusform>waiting, %n enclosures</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+166"/>
        <source>Printed with it: %n enclosed document(s), after the letter.</source>
        <translation>
            <numerusform>Printed with it: %n enclosed document, after the letter.</numerusform>
            <numerusform>Printed with it: %n enclosed documents, after the letter.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RetentionPage</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/admin/retention_page.py" line="+81"/>
        <source>%n year(s)</source>
        <translation>
            <numerusform>%n year</numerusform>
            <numerusform>%n years</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+123"/>
        <source>&amp;Delete %n case(s)…</source>
        <translation>
            <numerusform>&amp;Delete %n case…</numerusform>
            <numerusform>&amp;Delete %n cases…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+19"/>
        <source>Delete %n case(s) for good?</source>
        <translation>
            <numerusform>Delete %n case for good?</numerusform>
            <numerusform>Delete %n cases for good?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>Delete %n case(s)</source>
        <translation>
            <numerusform>Delete %n case</numerusform>
            <numerusform>Delete %n cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+54"/>
        <source>%n case(s) deleted.</source>
        <translation>
            <numerusform>%n case deleted.</numerusform>
            <numerusform>%n cases deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n case(s) were no longer due (reopened meanwhile) and were kept.</source>
        <translation>
            <numerusform>%n case was no longer due (reopened meanwhile) and was kept.</numerusform>
            <numerusform>%n cases were no longer due (reopened meanwhile) and were kept.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/admin/services_page.py" line="+521"/>
        <source>v{version}: %n problem(s) found; it cannot be published.</source>
        <translation>
            <numerusform>v{version}: %n problem found; it cannot be published.</numerusform>
            <numerusform>v{version}: %n problems found; it cannot be published.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+52"/>
        <source>Draft v{version} cannot be published: the configuration check found %n problem(s), listed below. Nothing was changed.</source>
        <translation>
            <numerusform>Draft v{version} cannot be published: the configuration check found %n problem, listed below. Nothing was changed.</numerusform>
            <numerusform>Draft v{version} cannot be published: the configuration check found %n problems, listed below. Nothing was changed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+41"/>
        <source>%n problem(s) in the file; nothing was stored.</source>
        <translation>
            <numerusform>%n problem in the file; nothing was stored.</numerusform>
            <numerusform>%n problems in the file; nothing was stored.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>StatusManyDialog</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/inbox/bulk_dialogs.py" line="+31"/>
        <source>Move the %n selected case(s) to:</source>
        <translation>
            <numerusform>Move the %n selected case to:</numerusform>
            <numerusform>Move the %n selected cases to:</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/delivery/sync_status.py" line="+157"/>
        <source>%n message(s) failed</source>
        <translation>
            <numerusform>%n message failed</numerusform>
            <numerusform>%n messages failed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n message(s) waiting</source>
        <translation>
            <numerusform>%n message waiting</numerusform>
            <numerusform>%n messages waiting</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/admin/editor/dialog.py" line="+388"/>
        <source>Configuration check: %n problem(s) to solve before publishing</source>
        <translation>
            <numerusform>Configuration check: %n problem to solve before publishing</numerusform>
            <numerusform>Configuration check: %n problems to solve before publishing</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemplateTransfer</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/admin/transfer.py" line="+114"/>
        <source>{file} cannot be imported: %n problem(s), listed below. Nothing was stored.</source>
        <translation>
            <numerusform>{file} cannot be imported: %n problem, listed below. Nothing was stored.</numerusform>
            <numerusform>{file} cannot be imported: %n problems, listed below. Nothing was stored.</numerusform>
        </translation>
    </message>
</context>
</TS>
