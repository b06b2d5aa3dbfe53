"""alignment page (see stances.app.alignment_views)."""

from stances.app.alignment_views import alignment_page

alignment_page()
