/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "trellis-study.h"

G_BEGIN_DECLS

#define TRELLIS_TYPE_COHORT_DIALOG (trellis_cohort_dialog_get_type ())
G_DECLARE_FINAL_TYPE (TrellisCohortDialog, trellis_cohort_dialog, TRELLIS, COHORT_DIALOG, AdwWindow)

/* Creates a cohort, or edits COHORT when it is not NULL. */
TrellisCohortDialog *trellis_cohort_dialog_new (GtkWindow     *parent,
                                                TrellisStudy  *study,
                                                TrellisCohort *cohort);

G_END_DECLS
