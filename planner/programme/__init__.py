"""Programmes: phases, items, per-side dosage, progression rules and the schedule they make.

A home programme is a plan over weeks. The therapist says how each exercise grows and when;
:func:`planner.programme.schedule.materialise` turns that into the exact dose for every day, and
every view (window, PDF, calendar, CSV) reads that one result so they can never disagree.
"""
