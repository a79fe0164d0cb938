/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* This process's hold on a study file: the writer's claim (acquire), or just
 * a reader's presence (watch). Either keeps a descriptor of the file open,
 * which only release() may close, after sqlite3_close(). */
typedef struct _TrellisFileLock TrellisFileLock;

TrellisFileLock *trellis_file_lock_acquire   (const char      *study_path,
                                              GError         **error);
TrellisFileLock *trellis_file_lock_watch     (const char      *study_path,
                                              GError         **error);
int              trellis_file_lock_get_fd    (TrellisFileLock *lock);
void             trellis_file_lock_release   (TrellisFileLock *lock);
char            *trellis_file_lock_path_for  (const char      *study_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisFileLock, trellis_file_lock_release)

G_END_DECLS
