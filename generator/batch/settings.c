/* settings.c - what a worker is told of the run's PDF options before its
 * first job (jobs.h): libharu's (passwords, permissions, PDF/A, files to
 * attach) and the signer's (key, certificate, chain and passphrase: the
 * worker loads them itself).  A pipe to a child, never a command line. */
#include "batch/jobs.h"

void settings_put(GString *m, const JxBatch *b) {
  const JxHaruOptions *h = b->haru_options;
  jx_wire_put_int(m, h != NULL);
  if (h) {
    jx_wire_put_string(m, h->owner_password);
    jx_wire_put_string(m, h->user_password);
    jx_wire_put_int(m, h->permissions);
    jx_wire_put_int(m, h->pdfa);
    jx_wire_put_string(m, h->icc_profile);
    jx_wire_put_int(m, h->attachments != NULL);
    if (h->attachments)
      jx_wire_put_list(m, h->attachments);
  }
  const JxSignOptions *s = b->sign;
  jx_wire_put_int(m, s != NULL);
  if (s) {
    jx_wire_put_string(m, s->key);
    jx_wire_put_string(m, s->cert);
    jx_wire_put_string(m, s->chain);
    jx_wire_put_string(m, s->pass);
  }
}

void settings_get(JxWireReader *r, Settings *set) {
  memset(set, 0, sizeof *set);
  char **str = set->strings;
  set->has_haru = jx_wire_get_int(r) != 0;
  if (set->has_haru) {
    JxHaruOptions *h = &set->haru;
    h->owner_password = str[0] = jx_wire_get_string(r);
    h->user_password = str[1] = jx_wire_get_string(r);
    h->permissions = (unsigned)jx_wire_get_int(r);
    h->pdfa = jx_wire_get_int(r) != 0;
    h->icc_profile = str[2] = jx_wire_get_string(r);
    if (jx_wire_get_int(r)) {
      h->attachments = g_ptr_array_new_with_free_func(g_free);
      jx_wire_get_list(r, h->attachments);
    }
  }
  set->has_sign = jx_wire_get_int(r) != 0;
  if (set->has_sign) {
    JxSignOptions *s = &set->sign;
    s->key = str[3] = jx_wire_get_string(r);
    s->cert = str[4] = jx_wire_get_string(r);
    s->chain = str[5] = jx_wire_get_string(r);
    s->pass = str[6] = jx_wire_get_string(r);
  }
}

void settings_clear(Settings *set) {
  if (set->haru.attachments)
    g_ptr_array_free(set->haru.attachments, TRUE);
  if (set->strings[6])
    memset(set->strings[6], 0, strlen(set->strings[6])); /* the passphrase */
  for (size_t i = 0; i < G_N_ELEMENTS(set->strings); i++)
    g_free(set->strings[i]);
}
