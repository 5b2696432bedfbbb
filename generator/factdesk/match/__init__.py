"""Matching: has this claim been checked before, in any language? (lexical + embeddings)"""
