"""PDF documents built with reportlab platypus from planner's objects; never queries storage."""
