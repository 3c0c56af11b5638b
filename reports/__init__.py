"""PDF documents built with reportlab platypus from planner's objects; never queries storage.

One assembly function per document, each returning the PDF's bytes:

- :func:`reports.handout.build_handout` - the client's home programme;
- :func:`reports.assessment_summary.build_assessment_summary` - for the record or a referral letter;
- :func:`reports.progress_report.build_progress_report` - scores and pain over time.

:mod:`reports.styles` registers the embedded fonts once and names the paragraph styles;
:mod:`reports.sections` holds the builders every document shares. The package imports nothing
heavy here, so ``reports.commands`` (the `render` and `report` commands) keeps start-up fast.
"""
