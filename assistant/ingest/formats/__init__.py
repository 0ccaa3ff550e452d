"""One reader per file format, all with the same shape: ``read(data, filename, progress) -> LoadedText``.

:mod:`assistant.ingest.loaders` picks the reader from the file's content and suffix; the readers
only turn bytes into text. Tables come out as Markdown pipe tables (:mod:`.base`), so that
:mod:`assistant.sections` sees one table syntax whatever the source (DOCX, XLSX, HTML, PDF, .doc).

    text.py ....... .txt .md (encodings) and .html/.htm (blocks and tables)
    docx.py ....... Word 2007+ (paragraphs, tables with merged cells filled in)
    word_binary.py  Word 97-2003 .doc and WPS .wps (OLE2 Word-binary: piece table, table rows)
    xlsx.py ....... Excel 2007+ (every visible sheet as a table)
    ofd.py ........ OFD (GB/T 33190), text in reading order and DocInfo
    pdf.py ........ PDF: text layer per page, ruled tables, OCR for pages without text
    ocr.py ........ images (.png/.jpg) and scanned pages through RapidOCR (weights in the wheel)
"""
