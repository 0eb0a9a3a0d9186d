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
    <name>BulkActions</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/inbox/bulk.py" line="+181"/>
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
</TS>
