"""public_private page (see stances.app.alignment_views)."""

from stances.app.alignment_views import gaps_page

gaps_page()
