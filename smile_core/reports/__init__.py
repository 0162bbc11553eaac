"""What leaves SMILE: exports, the steering-group report, the meeting pack, CLI output."""
