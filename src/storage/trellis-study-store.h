/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"

G_BEGIN_DECLS

/* What a purge on a data-destruction request removes. */
typedef enum
{
  TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS,
  TRELLIS_DESTRUCTION_POLICY_IDENTIFIERS_AND_DATA,
} TrellisDestructionPolicy;

gboolean  trellis_study_store_seed        (TrellisDatabase  *db,
                                           const char       *title,
                                           GError          **error);
char     *trellis_study_store_get_title   (TrellisDatabase  *db,
                                           GError          **error);
char     *trellis_study_store_get_created (TrellisDatabase  *db,
                                           GError          **error);
gboolean  trellis_study_store_set_title   (TrellisDatabase  *db,
                                           const char       *title,
                                           const char       *reason,
                                           GError          **error);
char     *trellis_study_store_get_code_pattern       (TrellisDatabase           *db,
                                                     GError                   **error);
gboolean  trellis_study_store_set_code_pattern       (TrellisDatabase           *db,
                                                     const char                *pattern,
                                                     GError                   **error);
gboolean  trellis_study_store_get_withdrawal_types   (TrellisDatabase           *db,
                                                     guint                     *types,
                                                     GError                   **error);
gboolean  trellis_study_store_set_withdrawal_types   (TrellisDatabase           *db,
                                                     guint                      types,
                                                     GError                   **error);
gboolean  trellis_study_store_get_destruction_policy (TrellisDatabase           *db,
                                                     TrellisDestructionPolicy  *policy,
                                                     GError                   **error);
gboolean  trellis_study_store_set_destruction_policy (TrellisDatabase           *db,
                                                     TrellisDestructionPolicy   policy,
                                                     GError                   **error);

G_END_DECLS
