/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"
#include "trellis-participant-row.h"

G_BEGIN_DECLS

/* The columns the list can be sorted by. */
typedef enum
{
  TRELLIS_PARTICIPANT_COLUMN_CODE,
  TRELLIS_PARTICIPANT_COLUMN_COHORT,
  TRELLIS_PARTICIPANT_COLUMN_STATUS,
  TRELLIS_PARTICIPANT_COLUMN_BASELINE_DATE,
  TRELLIS_PARTICIPANT_COLUMN_CONSENT,
} TrellisParticipantColumn;

/* What one read of the register gave, for a list to show. */
typedef struct _TrellisParticipantTable TrellisParticipantTable;

TrellisParticipantTable *trellis_participant_table_read (TrellisDatabase          *db,
                                                         guint                     first_rows,
                                                         GError                  **error);
void                    trellis_participant_table_free (TrellisParticipantTable  *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisParticipantTable, trellis_participant_table_free)

#define TRELLIS_TYPE_PARTICIPANT_LIST (trellis_participant_list_get_type ())
G_DECLARE_FINAL_TYPE (TrellisParticipantList, trellis_participant_list, TRELLIS, PARTICIPANT_LIST, GObject)

/* The register as a GListModel of TrellisParticipantRow, filtered and sorted
 * in memory so that it stays quick with 100,000 participants. It is empty
 * until the first reload, or the first table it is given; a table of the
 * first rows only shows them until the rest come. */
TrellisParticipantList *trellis_participant_list_new         (TrellisDatabase          *db);
gboolean                trellis_participant_list_reload      (TrellisParticipantList   *self,
                                                              GError                  **error);
void                    trellis_participant_list_set_filter  (TrellisParticipantList   *self,
                                                              const char               *text);
const char             *trellis_participant_list_get_filter  (TrellisParticipantList   *self);
void                    trellis_participant_list_set_sort    (TrellisParticipantList   *self,
                                                              TrellisParticipantColumn  column,
                                                              gboolean                  descending);
TrellisParticipantColumn trellis_participant_list_get_sort_column (TrellisParticipantList *self);
gboolean                trellis_participant_list_get_sort_descending (TrellisParticipantList *self);
guint                   trellis_participant_list_get_n_total (TrellisParticipantList   *self);
void                    trellis_participant_list_take_table  (TrellisParticipantList   *self,
                                                              TrellisParticipantTable  *table);
gboolean                trellis_participant_list_get_complete (TrellisParticipantList  *self);
guint                   trellis_participant_list_get_version (TrellisParticipantList   *self);

G_END_DECLS
