"""Exercise figures: a small jointed body posed from each exercise's data, drawn the same way
in the app, on the printed handout and in exported files.

The pieces, in the order data flows through them:

- :mod:`.pose` - the ``[figure]`` table of an exercise file (validated with the exercise);
- :mod:`.body` - segment lengths, joint names and limits, forward kinematics;
- :mod:`.presets` - named base poses that a figure starts from;
- :mod:`.posing` - turns one key pose into placed, grounded body geometry;
- :mod:`.props`, :mod:`.props_draw` - the equipment around the body, fitted and drawn;
- :mod:`.geometry`, :mod:`.arrows` - renderer-independent primitives for a whole figure;
- :mod:`.validate`, :mod:`.fidelity` - checks: is the figure sound, and true to its steps
  (:mod:`.equipment` says which prop shows each equipment code);
- :mod:`.svg`, :mod:`.raster` - file output; ``reports.figures`` and ``ui.figure_widget`` draw the
  same primitives with reportlab and QPainter;
- :mod:`.export` - one file per exercise and the contact sheet.

This package is imported by :mod:`exercise_library.schema`, so it imports nothing heavy at
package level.
"""
