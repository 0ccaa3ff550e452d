"""政策助手 — policy document assistant."""
