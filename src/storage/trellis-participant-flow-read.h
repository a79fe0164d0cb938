/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-participant-flow.h"

G_BEGIN_DECLS

/* The participant flow of a study on @today (a Julian day), in these steps
 * (box keys in brackets; side boxes after the slash):
 *
 *  - Recruited [recruited]: everyone in the register /
 *    Not consented [not-consented]: no consent recorded yet [no-consent], or
 *    the latest consent declines to take part [declined].
 *  - Consented [consented]: the latest consent says take part = yes. Everyone
 *    below is counted among them: a later withdrawal does not undo having
 *    consented, it shows up at the timepoints it stopped.
 *  - One step per timepoint, in plan order: Completed [completed:CODE] /
 *    Not completed [not-completed:CODE]: missed [missed], lost to follow-up
 *    [lost], withdrawn by type [withdrawn:no-further-contact, …], overdue
 *    [overdue], due now [due], not yet due [not-yet-due]. Each timepoint's
 *    two boxes add up to Consented, since people can miss one timepoint and
 *    come back for the next.
 *  - Analysed [analysed]: consented participants with at least one score of
 *    the instrument (of any instrument when @instrument_code is NULL), which
 *    is who the mixed model, fitted to all available data, uses. Its lines
 *    are "of whom" counts, not a split: per instrument [instrument:CODE] and
 *    those who completed every timepoint [all-timepoints] /
 *    Not analysed [not-analysed]: data destroyed [data-destroyed], no score
 *    recorded [no-score].
 *
 * When interviewees were drawn, the interview sub-study, over every draw:
 *  - Eligible [interview-eligible]: on a draw's eligible list /
 *    Not drawn [interview-not-drawn].
 *  - Drawn [interview-drawn]: first picks [first-pick] and replacements
 *    [replacement] / Declined or did not attend [interview-dropped]:
 *    [declined], [did-not-attend]; and of these, replaced [replaced].
 *  - Interviewed [interviewed]: done or further on ([done], [transcribed],
 *    [anonymised], [coded]) / Not interviewed yet [interview-pending]:
 *    [invited], [scheduled].
 * It branches off the timepoint the draws' rule names, or off Consented.
 *
 * Cohorts are in the order they were added; those without participants are
 * left out, as in retention counts. */
TrellisParticipantFlow *trellis_participant_flow_read (TrellisDatabase  *db,
                                                       guint32           today,
                                                       const char       *instrument_code,
                                                       GError          **error);

G_END_DECLS
