/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-participant-flow-read.h"
#include "trellis-storage-error.h"
#include "trellis-study-flow.h"
#include "trellis-study-reading.h"

typedef struct
{
  guint32 today;
  char *instrument_code;
} FlowRequest;

static void
flow_request_free (FlowRequest *request)
{
  g_free (request->instrument_code);
  g_free (request);
}

static gpointer
read_flow (TrellisDatabase  *reader,
           gpointer          data,
           GError          **error)
{
  FlowRequest *request = data;

  return trellis_participant_flow_read (reader, request->today, request->instrument_code, error);
}

void
trellis_study_read_flow_async (TrellisStudy        *self,
                               guint32              today,
                               const char          *instrument_code,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FlowRequest *request = g_new0 (FlowRequest, 1);

  request->today = today;
  request->instrument_code = g_strdup (instrument_code);
  /* An unknown instrument is the caller's question, not a broken connection. */
  trellis_study_read_async (self, read_flow, request, (GDestroyNotify) flow_request_free,
                            (GDestroyNotify) trellis_participant_flow_free,
                            TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_NOT_FOUND,
                            trellis_study_read_flow_async, cancellable, callback, user_data);
}

TrellisParticipantFlow *
trellis_study_read_flow_finish (TrellisStudy  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return trellis_study_read_finish (self, result, trellis_study_read_flow_async, error);
}
