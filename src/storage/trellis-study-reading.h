/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"
#include "trellis-study.h"

G_BEGIN_DECLS

/* A read of the study on its reading connection, in a worker thread, so
 * that the window never waits for 100,000 participants' rows. @read returns
 * a new value or NULL with an error; @expected_error says which of its
 * errors answer the caller's question (an unknown instrument) rather than
 * tell of a broken connection, which is then opened afresh for the next
 * read; an @expected_domain of 0 counts every failure as the connection's.
 * Shared by the study's readers (the scores, the flow, the audit trail, the
 * interview eligibility). */
typedef gpointer (*TrellisStudyReadFunc) (TrellisDatabase  *reader,
                                          gpointer          data,
                                          GError          **error);

void     trellis_study_read_async  (TrellisStudy         *self,
                                    TrellisStudyReadFunc  read,
                                    gpointer              data,
                                    GDestroyNotify        data_destroy,
                                    GDestroyNotify        result_destroy,
                                    GQuark                expected_domain,
                                    int                   expected_code,
                                    gpointer              source_tag,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data);
/* The value (transfer full), or NULL with an error; G_IO_ERROR_CANCELLED
 * once the read was cancelled, even if it had finished. */
gpointer trellis_study_read_finish (TrellisStudy         *self,
                                    GAsyncResult         *result,
                                    gpointer              source_tag,
                                    GError              **error);

G_END_DECLS
