"""The write path's order: files → parse → extract → quads → store or file."""
