"""The app's areas and modal screens."""
