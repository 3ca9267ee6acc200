"""What a page shows, from the analyses' frames: tables, sentences, cards and findings
(`display`, every value written by `values`: escaped, formatted), figures (`plots`, drawn
with `figures`' settings, in the colours of `palette`) and the roster on a world map
(`worldmap`, on `basemap`'s land). Imported by the notebooks and the page writers of
`helpers.report`; imports nothing of them."""
