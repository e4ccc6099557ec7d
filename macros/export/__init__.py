"""The handbook outside the site: the agent-skills plugin and llms.txt, built in every site build.

Each page's Markdown comes from the Markdown writer of the same nodes the site's HTML comes from
(macros/render/blocks.py), so every table in the plugin and in llms-full.txt holds the site's
figures and nothing is parsed back out of HTML. One module per output, and what they share:

- `build.py`: the state of one build (pages collected between MkDocs events) and the outputs.
- `pages.py`: a page's Markdown made portable (links, hand-written HTML), its URL and summary.
- `skills.py`: the plugin's files: skills/plugin.yaml, each SKILL.md, references, manifests.
- `llms.py`: llms.txt and llms-full.txt.
- `links.py`: link targets rewritten for the plugin and the site, and checked inside the plugin.
- `bundle.py`: the rules the whole plugin must follow before it is published, and its zip.

macros/hooks/skills.py is the MkDocs hook that runs it.
"""

from __future__ import annotations

# Where the site publishes the outputs.
ZIP_SITE_PATH = "downloads/vault-operations.zip"
LLMS_TXT = "llms.txt"
LLMS_FULL_TXT = "llms-full.txt"
