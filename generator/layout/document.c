/* document.c - a report as a sequence of blocks. */
#include "layout/document.h"

static void cell_free(JxCell *c) {
  g_free(c->text);
  g_free(c);
}

static void block_free(JxBlock *b) {
  g_free(b->text);
  g_free(b->outline_title);
  if (b->rows)
    g_ptr_array_free(b->rows, TRUE);
  g_free(b->continued);
  if (b->figure_free)
    b->figure_free(b->figure);
  g_free(b->figure_name);
  g_free(b->alt);
  g_free(b->right);
  g_free(b->right_label);
  if (b->lines)
    g_ptr_array_free(b->lines, TRUE);
  g_free(b->project);
  g_free(b);
}

JxDocument *jx_document_new(const char *title, const char *author) {
  JxDocument *doc = g_new0(JxDocument, 1);
  doc->title = g_strdup(title);
  doc->author = g_strdup(author);
  doc->subject = g_strdup("");
  doc->keywords = g_strdup("");
  doc->blocks = g_ptr_array_new_with_free_func((GDestroyNotify)block_free);
  return doc;
}

void jx_document_free(JxDocument *doc) {
  if (!doc)
    return;
  g_free(doc->title);
  g_free(doc->author);
  g_free(doc->subject);
  g_free(doc->keywords);
  g_free(doc->header);
  g_free(doc->footer);
  g_ptr_array_free(doc->blocks, TRUE);
  g_free(doc);
}

static JxBlock *add(JxDocument *doc, JxBlockKind kind, JxRole role) {
  JxBlock *b = g_new0(JxBlock, 1);
  b->kind = kind;
  b->role = role;
  g_ptr_array_add(doc->blocks, b);
  return b;
}

JxBlock *jx_document_heading(JxDocument *doc, JxRole role, const char *text, int outline_level) {
  JxBlock *b = add(doc, JX_BLOCK_HEADING, role);
  b->text = g_strdup(text);
  b->align = role == JX_ROLE_TITLE ? JX_ALIGN_CENTER : JX_ALIGN_LEFT;
  b->outline_level = outline_level;
  return b;
}

JxBlock *jx_document_paragraph(JxDocument *doc, JxRole role, const char *text, JxAlign align,
                               bool indent) {
  JxBlock *b = add(doc, JX_BLOCK_PARAGRAPH, role);
  b->text = g_strdup(text);
  b->align = align;
  b->indent = indent;
  return b;
}

JxBlock *jx_document_space(JxDocument *doc, double points) {
  JxBlock *b = add(doc, JX_BLOCK_SPACE, JX_ROLE_BODY);
  b->space = points;
  return b;
}

JxBlock *jx_document_rule(JxDocument *doc, double stroke, guint32 color) {
  JxBlock *b = add(doc, JX_BLOCK_RULE, JX_ROLE_BODY);
  b->stroke = stroke;
  b->color = color;
  return b;
}

JxBlock *jx_document_pair(JxDocument *doc, JxRole role, const char *left, const char *right_label,
                          JxRole right_role, const char *right, double inset) {
  JxBlock *b = add(doc, JX_BLOCK_PAIR, role);
  b->text = g_strdup(left ? left : "");
  b->right_label = g_strdup(right_label ? right_label : "");
  b->right = g_strdup(right ? right : "");
  b->right_role = right_role;
  b->inset = inset;
  return b;
}

JxBlock *jx_document_sign(JxDocument *doc, const char *name, const char *date, double inset) {
  JxBlock *b = add(doc, JX_BLOCK_SIGN, JX_ROLE_BODY);
  b->text = g_strdup(name ? name : "");
  b->right = g_strdup(date ? date : "");
  b->inset = inset;
  return b;
}

JxBlock *jx_document_record(JxDocument *doc, GPtrArray *lines, double inset) {
  JxBlock *b = add(doc, JX_BLOCK_RECORD, JX_ROLE_RECORD);
  b->lines = g_ptr_array_new_with_free_func(g_free);
  for (guint i = 0; i < lines->len; i++)
    g_ptr_array_add(b->lines, g_strdup(g_ptr_array_index(lines, i)));
  b->inset = inset;
  return b;
}

JxBlock *jx_document_page_break(JxDocument *doc) {
  return add(doc, JX_BLOCK_PAGE_BREAK, JX_ROLE_BODY);
}

JxBlock *jx_document_toc(JxDocument *doc, int toc_level) {
  JxBlock *b = add(doc, JX_BLOCK_TOC, JX_ROLE_BODY);
  b->toc_level = toc_level;
  return b;
}

JxBlock *jx_document_figure(JxDocument *doc, JxFigureDraw draw, void *data, GDestroyNotify free) {
  JxBlock *b = add(doc, JX_BLOCK_FIGURE, JX_ROLE_TABLE);
  b->draw = draw;
  b->figure = data;
  b->figure_free = free;
  return b;
}

static void row_free(GPtrArray *row) {
  g_ptr_array_free(row, TRUE);
}

JxBlock *jx_document_table(JxDocument *doc, guint columns, guint header_rows) {
  JxBlock *b = add(doc, JX_BLOCK_TABLE, JX_ROLE_TABLE);
  b->columns = columns;
  b->header_rows = header_rows;
  b->rows = g_ptr_array_new_with_free_func((GDestroyNotify)row_free);
  return b;
}

void jx_block_row(JxBlock *t) {
  g_ptr_array_add(t->rows, g_ptr_array_new_with_free_func((GDestroyNotify)cell_free));
}

void jx_block_cell(JxBlock *t, const char *text, JxAlign align, bool strong) {
  GPtrArray *row = g_ptr_array_index(t->rows, t->rows->len - 1);
  JxCell *c = g_new0(JxCell, 1);
  c->text = g_strdup(text ? text : "");
  c->align = align;
  c->strong = strong;
  c->rowspan = 1;
  c->colspan = 1;
  g_ptr_array_add(row, c);
}

void jx_block_dot_cell(JxBlock *t, const char *text, guint32 color, JxAlign align) {
  char *spaced = g_strconcat("\u3000", text, NULL);
  jx_block_cell(t, spaced, align, false);
  g_free(spaced);
  GPtrArray *row = g_ptr_array_index(t->rows, t->rows->len - 1);
  JxCell *c = g_ptr_array_index(row, row->len - 1);
  c->dot = true;
  c->dot_color = color;
}

void jx_block_shade(JxBlock *t, guint32 color) {
  GPtrArray *row = g_ptr_array_index(t->rows, t->rows->len - 1);
  JxCell *c = g_ptr_array_index(row, row->len - 1);
  c->shaded = true;
  c->shade = color;
}

void jx_block_span(JxBlock *t, guint rows, guint cols) {
  GPtrArray *row = g_ptr_array_index(t->rows, t->rows->len - 1);
  JxCell *c = g_ptr_array_index(row, row->len - 1);
  c->rowspan = MAX(rows, 1);
  c->colspan = MAX(cols, 1);
}
