"""Journeys several apps' tests walk: buying in the shop (`checkout`)."""
