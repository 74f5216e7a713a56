/* wire.h - one department of the model as bytes, and back: how a batch
 * hands a document's data to a worker process that never holds the whole
 * model, so that a worker's memory does not grow with the inputs.
 *
 * The bytes are for a worker started by the same jixiao; they are not a
 * file format and carry no version. */
#ifndef JX_WIRE_H
#define JX_WIRE_H

#include "model/model.h"

#include <glib.h>

/* Appends d, with its projects, indicators, targets, actuals, budget
 * execution and where each was read, to out. */
void jx_wire_put_department(GString *out, const JxDepartment *d);

/* A new model holding the one department data (len bytes) describes, or
 * NULL when the bytes are not whole. */
JxModel *jx_wire_get_department(const char *data, gsize len);

/* Framing on a pipe: a message is its length (4 bytes) and its bytes. */

/* Writes the message whole; false on an error (errno set). */
bool jx_wire_send(int fd, const GString *msg);

/* Reads one message into msg; false at the end of the stream or on an
 * error. */
bool jx_wire_receive(int fd, GString *msg);

/* Strings and numbers in a message, for what goes with a department. */
void jx_wire_put_string(GString *out, const char *s);
void jx_wire_put_int(GString *out, gint64 v);

/* Reads from a message: *at is the offset, moved past what is read; a
 * read past the end sets *bad and gives "" or 0. */
typedef struct {
  const char *data;
  gsize len, at;
  bool bad;
} JxWireReader;

char *jx_wire_get_string(JxWireReader *r); /* g_free; NULL when NULL was put */

/* A list of strings (char *), its length first; read into items (an
 * empty string for a NULL). */
void jx_wire_put_list(GString *m, const GPtrArray *items);
void jx_wire_get_list(JxWireReader *r, GPtrArray *items);
gint64 jx_wire_get_int(JxWireReader *r);

#endif
