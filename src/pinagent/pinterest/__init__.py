"""pinagent.pinterest."""
