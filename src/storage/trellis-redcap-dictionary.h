/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "trellis-database.h"
#include "trellis-participant-import.h"

G_BEGIN_DECLS

/* Instruments as a REDCap data dictionary, so that a questionnaire built in
 * Trellis can be set up in REDCap and one built in REDCap can be scored in
 * Trellis.
 *
 * The dictionary is a CSV file with REDCap's 18 columns, in REDCap's order
 * (trellis_redcap_columns). Each REDCap form is an instrument, each field an
 * item. REDCap wants lower-case form and variable names, so an instrument
 * "BRS" is the form "brs" and its item "BRS1" the variable "brs1"; where two
 * instruments share an item code, the second instrument's variable gets its
 * form name in front ("know_q1"). The first field of a dictionary is always
 * REDCap's record identifier: Trellis writes "record_id" (the study code)
 * there and skips that field on import.
 *
 * An item is written as
 *   - a `radio` field, choices "1, Strongly disagree | 2, Disagree | …", when
 *     its labels name every value of its scale; otherwise
 *   - a `text` field with validation `integer`, min and max.
 *
 * What REDCap has no column for travels in the Field Annotation as action
 * tags, which REDCap keeps and ignores:
 *   @TRELLIS-ITEM=BRS1           the item's code in Trellis
 *   @TRELLIS-KIND=integer        only where the field type does not say it:
 *                                a radio field is a `choice` item, a text
 *                                field an `integer` item
 *   @TRELLIS-REVERSE             reverse-scored
 *   @TRELLIS-CORRECT=3           a test question, and its correct answer
 *   @TRELLIS-CHOICES="0, None | 1, Some"  labels of an item written as a
 *                                text field (labels that do not cover its
 *                                whole scale)
 * and, once per form, on its first item:
 *   @TRELLIS-INSTRUMENT=BRS @TRELLIS-LABEL="Brief Resilience Scale"
 *   @TRELLIS-SCORING=mean @TRELLIS-MIN-ANSWERED=5
 *   @TRELLIS-BANDS="low<3.00; normal<=4.30; high"
 * A value is written bare, or in double quotes when it holds spaces, with
 * \" and \\ for a quote and a backslash. The rule's version is not written:
 * it is the history of one study, and an import counts its own.
 *
 * A dictionary made in REDCap, without these tags, imports with defaults:
 * the form "pss" becomes the instrument "PSS" labelled "Pss", scored as the
 * mean of its items when all are answered (an instrument already in the
 * study keeps its label, rule and bands); radio, dropdown, yesno and
 * truefalse fields become choice items, integer text fields with a min and
 * a max and sliders become integer items. Fields Trellis cannot score
 * (descriptive, notes, calc, file, checkbox, free text) are skipped, and each
 * skip is listed as a note. */

#define TRELLIS_REDCAP_N_COLUMNS 18

extern const char *const trellis_redcap_columns[TRELLIS_REDCAP_N_COLUMNS];

/* What an import did, instrument by instrument. */
typedef struct
{
  guint n_created;
  guint n_updated;
  guint n_unchanged;
  guint n_rescored;   /* answer sheets rescored because a rule changed */
} TrellisRedcapImportResult;

char     *trellis_redcap_dictionary_build  (GPtrArray                  *instruments,
                                            gsize                      *length,
                                            GError                    **error);
gboolean  trellis_redcap_dictionary_export (TrellisDatabase            *db,
                                            const char *const          *codes,
                                            const char                 *path,
                                            guint                      *n_exported,
                                            GError                    **error);
gboolean  trellis_redcap_dictionary_import (TrellisDatabase            *db,
                                            const char                 *file_name,
                                            GBytes                     *bytes,
                                            TrellisRedcapImportResult  *result,
                                            GPtrArray                 **notes,
                                            GPtrArray                 **problems,
                                            GError                    **error);

G_END_DECLS
