"""Records <-> models in batches: the import (dedupe, one transaction per article, speaker linking)
and the streaming export."""
