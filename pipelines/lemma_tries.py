"""simplemma's dictionaries as MARISA tries on disk, written so that a process reading one never
sees it half-written (simplemma's own factory writes the file in place)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from simplemma.strategies.dictionaries.trie_dictionary_factory import TrieDictionaryFactory


class AtomicTrieFactory(TrieDictionaryFactory):
    """TrieDictionaryFactory whose cache files appear whole: written to a temporary file in the
    same folder, then renamed over the target (two processes building at once both succeed)."""

    __slots__ = ()

    def __init__(self, folder: Path) -> None:
        super().__init__(use_disk_cache=True, disk_cache_dir=str(folder))

    def _write_trie_to_disk(self, lang: str, trie) -> None:  # noqa: ANN001 (marisa_trie.BytesTrie)
        folder: Path = self._cache_dir
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{lang}.", suffix=".dic", dir=folder)
        os.close(handle)
        try:
            trie.save(temporary)
            os.replace(temporary, folder / f"{lang}.dic")
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
