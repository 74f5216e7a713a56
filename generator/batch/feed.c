/* feed.c - the inputs as a run of many reports reads them: indexed (the
 * index cached in the tree), the files of the run's shard read once to be
 * checked, then read again a group at a time as the documents are made. */
#include "batch/jobs.h"

#include "read/index.h"

#include <stdio.h>
#include <sysexits.h>

struct JxBatchInputs {
  const JxBatch *b;
  const char *encoding;
  JxIndex *index;
  GPtrArray *groups; /* GArray * of file numbers */
  guint next;        /* the group the feed reads next */
  JxInputs *held;    /* the group the feed gave last */
  JxInputs *read;    /* what each file read held: no model */
  JxBatchFeed feed;
};

static bool keep(const char *department, void *data) {
  return jx_batch_in_shard(data, department);
}

/* The feed: the next group of the shard's files, read. */
static JxModel *next_group(void *data) {
  JxBatchInputs *in = data;
  jx_inputs_free(in->held);
  in->held = NULL;
  if (in->next >= in->groups->len)
    return NULL;
  JxInputsStatus status;
  char *message = NULL;
  in->held =
      jx_inputs_read_group(in->index, g_ptr_array_index(in->groups, in->next++), in->encoding,
                           in->b->shards > 1 ? keep : NULL, (void *)in->b, &status, &message);
  if (!in->held) {
    /* read a moment ago to check it: gone or changed since */
    fprintf(stderr, "jixiao: %s\n", message);
    g_free(message);
    in->feed.broken = true;
    in->held = jx_inputs_new();
  }
  return in->held->model;
}

static gint file_order(gconstpointer a, gconstpointer b, gpointer order) {
  guint x = GPOINTER_TO_UINT(g_hash_table_lookup(order, (*(JxInput *const *)a)->path));
  guint y = GPOINTER_TO_UINT(g_hash_table_lookup(order, (*(JxInput *const *)b)->path));
  return x < y ? -1 : x > y;
}

void jx_batch_inputs_free(JxBatchInputs *in) {
  if (!in)
    return;
  jx_inputs_free(in->held);
  jx_inputs_free(in->read);
  if (in->feed.departments)
    g_ptr_array_free(in->feed.departments, TRUE);
  if (in->groups)
    g_ptr_array_free(in->groups, TRUE);
  jx_index_free(in->index);
  g_free(in);
}

int jx_batch_inputs_open(const JxBatch *b, const char *encoding, JxBatchInputs **out) {
  *out = NULL;
  JxBatchInputs *in = g_new0(JxBatchInputs, 1);
  in->b = b;
  in->encoding = encoding;
  JxInputsStatus status = JX_INPUTS_OK;
  char *message = NULL;
  char *cache = g_build_filename(b->out_dir, ".jixiao-index", NULL);
  in->index = jx_index_build(b->inputs, b->n_inputs, encoding, cache, b->jobs, &status, &message);
  g_free(cache);
  JxKeep shard = b->shards > 1 ? keep : NULL;
  if (in->index) {
    in->groups = jx_index_groups(in->index, shard, (void *)b);
    in->read = jx_inputs_new();
  }
  /* the check: every group of the shard read, each file's problems kept */
  for (guint g = 0; in->read && g < in->groups->len && status == JX_INPUTS_OK; g++) {
    JxInputs *one = jx_inputs_read_group(in->index, g_ptr_array_index(in->groups, g), encoding,
                                         shard, (void *)b, &status, &message);
    if (one)
      g_ptr_array_extend_and_steal(in->read->files, g_ptr_array_ref(one->files));
    jx_inputs_free(one);
  }
  if (status != JX_INPUTS_OK) {
    fprintf(stderr, "jixiao: %s\n", message);
    g_free(message);
    jx_batch_inputs_free(in);
    return status == JX_INPUTS_IO ? EX_IOERR : EX_NOINPUT;
  }
  if (b->verbosity > 1)
    fprintf(stderr, "jixiao: %u input files, %u indexed now, %u read in %u group%s\n",
            jx_index_files(in->index), jx_index_scanned(in->index), in->read->files->len,
            in->groups->len, in->groups->len == 1 ? "" : "s");
  /* in the order of the files, as a reader of them all has them */
  GHashTable *order = g_hash_table_new(g_str_hash, g_str_equal);
  for (guint i = jx_index_files(in->index); i-- > 0;)
    g_hash_table_insert(order, (gpointer)jx_index_path(in->index, i), GUINT_TO_POINTER(i));
  g_ptr_array_sort_with_data(in->read->files, file_order, order);
  g_hash_table_destroy(order);
  in->feed.departments = jx_index_departments(in->index);
  in->feed.next = next_group;
  in->feed.data = in;
  *out = in;
  return EX_OK;
}

JxInputs *jx_batch_inputs_checked(JxBatchInputs *in) {
  return in->read;
}

JxBatchFeed *jx_batch_inputs_feed(JxBatchInputs *in) {
  return &in->feed;
}

GPtrArray *jx_batch_inputs_paths(const JxBatchInputs *in) {
  GPtrArray *paths = g_ptr_array_new();
  for (guint i = 0; i < jx_index_files(in->index); i++)
    g_ptr_array_add(paths, (gpointer)jx_index_path(in->index, i));
  return paths;
}
