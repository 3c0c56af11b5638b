"""Assessment: the file format, red flags, scores, imbalances and exercise recommendations.

Pure reasoning over :class:`planner.assessment.model.AssessmentFile`; no database, no Qt.
"""
