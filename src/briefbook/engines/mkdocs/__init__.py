"""engines/mkdocs"""
