/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-demo-instruments.h"
#include "trellis-instrument.h"

/* The study-defined instruments of the demo: Confidence in Coping with
 * Adverse Events (CCAE, six items 0–10, scored as their mean when at least
 * five are answered) and a Knowledge test (KNOW, ten questions of four
 * options, scored as the count of correct answers when at least eight are
 * answered, prorated to ten). They are defined here in C only until the demo
 * reads them from its REDCap data dictionary; the definitions are the same.
 * Like the rest of the demo they are research content, so they stay in
 * English in the study file. */

static const char *const ccae_texts[] = {
  "I can stay calm and keep caring safely for the patient when an adverse event happens.",
  "I know how to support a colleague in the hours after an adverse event.",
  "I can talk openly with a patient or family about an adverse event.",
  "I know where to find support for myself after an adverse event.",
  "I can reflect on an adverse event and learn from it without blaming myself excessively.",
  "I can go back to work confidently in the days after an adverse event.",
};

typedef struct
{
  const char *text;
  const char *choices[5];
  int correct;
} KnowledgeQuestion;

static const KnowledgeQuestion know_questions[] = {
  { "A clinician distressed after an unanticipated adverse event in their care is often called a …",
    { "second victim", "bystander", "index case", "first responder", NULL }, 1 },
  { "The most helpful first step when a colleague has just been involved in an adverse event is to …",
    { "wait for them to raise it", "check in privately and listen", "report them to their manager",
      "advise them to take leave at once", NULL }, 2 },
  { "Psychological first aid after a distressing event aims to …",
    { "diagnose post-traumatic stress", "replace professional therapy",
      "reduce initial distress and support coping", "establish who was at fault", NULL }, 3 },
  { "Which is a common early stress reaction after an adverse event?",
    { "intrusive memories of the event", "a lasting loss of clinical skill",
      "no reaction at all in experienced staff", "a need to change profession", NULL }, 1 },
  { "Under the duty of candour, a patient is told about a notifiable safety incident …",
    { "only if they ask", "once the investigation has finished",
      "as soon as reasonably practicable", "never by the clinician involved", NULL }, 3 },
  { "The main purpose of a structured team debrief after a critical incident is to …",
    { "decide on disciplinary action", "reflect and learn together", "complete the incident form",
      "agree who was to blame", NULL }, 2 },
  { "Which way of thinking about an error afterwards is most helpful?",
    { "pushing every thought about it away", "replaying the event again and again",
      "deliberate reflection that ends in a plan", "avoiding the place where it happened", NULL }, 3 },
  { "Confidential support for staff after a distressing event is offered by …",
    { "the incident reporting system", "the complaints team", "the patient’s GP",
      "occupational health or an employee assistance programme", NULL }, 4 },
  { "A just culture means that …",
    { "no one is ever held accountable", "every error is punished",
      "systems are examined and honest mistakes are told apart from reckless acts",
      "incidents are kept from the staff involved", NULL }, 3 },
  { "The Brief Resilience Scale measures …",
    { "knowledge of safety policy", "the ability to bounce back from stress",
      "workload on a shift", "symptoms of burnout", NULL }, 2 },
};

static TrellisInstrument *
new_ccae (void)
{
  TrellisInstrument *self = trellis_instrument_new ("CCAE", "Confidence in Coping with Adverse Events",
                                                    TRELLIS_SCORING_MEAN, 5);

  for (guint i = 0; i < G_N_ELEMENTS (ccae_texts); i++)
    {
      g_autofree char *code = g_strdup_printf ("CCAE%u", i + 1);
      g_autoptr(TrellisItem) item = trellis_item_new (code, ccae_texts[i], TRELLIS_ITEM_INTEGER, 0, 10);

      trellis_item_set_position (item, (int) i);
      trellis_instrument_add_item (self, item);
    }
  return self;
}

static TrellisInstrument *
new_knowledge (void)
{
  TrellisInstrument *self = trellis_instrument_new ("KNOW", "Knowledge test", TRELLIS_SCORING_CORRECT, 8);

  for (guint i = 0; i < G_N_ELEMENTS (know_questions); i++)
    {
      g_autofree char *code = g_strdup_printf ("KNOW%u", i + 1);
      g_autoptr(TrellisItem) item = trellis_item_new (code, know_questions[i].text,
                                                      TRELLIS_ITEM_CORRECT, 1, 4);

      trellis_item_set_correct (item, know_questions[i].correct);
      trellis_item_set_choices (item, know_questions[i].choices);
      trellis_item_set_position (item, (int) i);
      trellis_instrument_add_item (self, item);
    }
  return self;
}

GPtrArray *
trellis_demo_instruments_new (void)
{
  GPtrArray *instruments = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (instruments, new_ccae ());
  g_ptr_array_add (instruments, new_knowledge ());
  return instruments;
}
