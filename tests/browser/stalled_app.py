"""The app on a busy server, for test_links_under_load.py: every run stalls before the sidebar's filters are drawn
(as when the server is saturated), long enough for a viewer to click another page first."""

import os
import time

from stances.app import main as app

unstalled = getattr(app, "_unstalled_sidebar_filters", app.sidebar_filters)  # the script reruns; wrap once
app._unstalled_sidebar_filters = unstalled


def stalled_sidebar_filters(*args, **kwargs):
    time.sleep(float(os.environ.get("STANCES_TEST_STALL", "1.5")))
    return unstalled(*args, **kwargs)


app.sidebar_filters = stalled_sidebar_filters
app.main()
