<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
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
    <name>InboxPanel</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/inbox/panel.py" line="+497"/>
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
</TS>
