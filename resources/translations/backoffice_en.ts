<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>CaseHeader</name>
    <message numerus="yes">
        <location filename="../../backoffice/ui/case_header.py" line="+110"/>
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
        <location filename="../../backoffice/ui/inbox.py" line="+480"/>
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n case</numerusform>
            <numerusform>%n cases</numerusform>
        </translation>
    </message>
</context>
</TS>
