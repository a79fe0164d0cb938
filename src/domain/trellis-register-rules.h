/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "trellis-participant-status.h"

G_BEGIN_DECLS

/* A participant's withdrawal as the rules need it; withdrawn FALSE means none. */
typedef struct
{
  gboolean              withdrawn;
  TrellisWithdrawalType kind;
  GDate                 effective_date;
} TrellisWithdrawalFacts;

/* Bits of a set of withdrawal kinds: 1 << TrellisWithdrawalType. */
#define TRELLIS_WITHDRAWAL_TYPES_ALL 0x7u

gboolean  trellis_withdrawal_types_parse               (const char                   *list,
                                                        guint                        *types,
                                                        GError                      **error);
char     *trellis_withdrawal_types_format              (guint                         types);

gboolean  trellis_register_check_consent_date          (const GDate                  *consent_date,
                                                        const GDate                  *version_date,
                                                        const char                   *version_label,
                                                        GError                      **error);
gboolean  trellis_register_check_consent_not_withdrawn (const char                   *code,
                                                        const GDate                  *consent_date,
                                                        const TrellisWithdrawalFacts *withdrawal,
                                                        GError                      **error);
gboolean  trellis_register_check_answers               (const char *const            *clause_keys,
                                                        GHashTable                   *answers,
                                                        const char                   *version_label,
                                                        GError                      **error);
gboolean  trellis_register_check_withdrawal_enabled    (TrellisWithdrawalType         kind,
                                                        guint                         enabled_types,
                                                        GError                      **error);
gboolean  trellis_register_check_withdrawal_date       (const char                   *code,
                                                        const GDate                  *last_consent,
                                                        const GDate                  *effective_date,
                                                        GError                      **error);
gboolean  trellis_register_check_withdrawal_escalates  (const char                   *code,
                                                        const TrellisWithdrawalFacts *previous,
                                                        TrellisWithdrawalType         kind,
                                                        const GDate                  *effective_date,
                                                        GError                      **error);
gboolean  trellis_register_check_can_record            (const char                   *code,
                                                        const TrellisWithdrawalFacts *withdrawal,
                                                        GError                      **error);
gboolean  trellis_register_check_contact_change        (const char                   *code,
                                                        const TrellisWithdrawalFacts *withdrawal,
                                                        gboolean                      keeps_details,
                                                        gboolean                      adds_details,
                                                        GError                      **error);
gboolean  trellis_register_check_can_schedule          (const char                   *code,
                                                        const TrellisWithdrawalFacts *withdrawal,
                                                        GError                      **error);

G_END_DECLS
