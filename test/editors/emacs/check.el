;;; check.el --- Drive the Flaglens language server through Emacs + Eglot  -*- lexical-binding: t -*-

;; Used by test/editors/emacs.test.ts (Emacs 28 + Eglot 1.9 from Debian: emacs-nox, elpa-eglot):
;;   FLAGLENS_SERVER=dist/server.js FLAGLENS_ROOT=/path/to/project FLAGLENS_FILE=/path/to/project/features/x.yml \
;;   FLAGLENS_EXPECT_LINE=40 emacs --batch -l test/editors/emacs/check.el
;; Configures Eglot as a user would (eglot-server-programs + eglot-ensure in yaml-mode-hook), opens the
;; file, then: waits for the `unknown-segment' diagnostic through Flymake on the expected line, asks
;; for completion after `segments: ' (Eglot's completion-at-point function), runs the quick fix
;; `Change to "<fix>"' through `eglot-code-actions', and waits for the diagnostic to go away.
;; Prints one `flaglens-check:' line per step, writes FLAGLENS_RESULT (JSON) if set, and exits 0 or 1.

(require 'cl-lib)
(require 'json)
(require 'subr-x)
(require 'package)
(unless (locate-library "eglot")
  ;; Debian's site-start activates the elpa-* packages; without it (emacs -Q), activate them here.
  (package-initialize))
(require 'project)
(require 'flymake)
(require 'eglot)

(defun flaglens-package-version (name)
  "The Version: header of library NAME's source, or \"?\"."
  (require 'lisp-mnt)
  (let ((file (locate-library (concat (symbol-name name) ".el") t)))
    (or (and file (ignore-errors (lm-version file))) "?")))

(defvar flaglens-server (getenv "FLAGLENS_SERVER"))
(defvar flaglens-root (file-name-as-directory (expand-file-name (or (getenv "FLAGLENS_ROOT") "."))))
(defvar flaglens-file (getenv "FLAGLENS_FILE"))
(defvar flaglens-expect-line (string-to-number (or (getenv "FLAGLENS_EXPECT_LINE") "0")))
(defvar flaglens-typo (or (getenv "FLAGLENS_EXPECT_TYPO") "netherland"))
(defvar flaglens-fix (or (getenv "FLAGLENS_EXPECT_FIX") "netherlands"))
(defvar flaglens-wait (/ (string-to-number (or (getenv "FLAGLENS_WAIT_MS") "15000")) 1000.0))
(defvar flaglens-result-file (getenv "FLAGLENS_RESULT"))
(defvar flaglens-result (list (cons 'ok :json-false) (cons 'emacs emacs-version) (cons 'eglot (flaglens-package-version 'eglot))))

(defun flaglens-say (line)
  (princ (concat "flaglens-check: " line "\n")))

(defun flaglens-record (key value)
  (setq flaglens-result (append flaglens-result (list (cons key value)))))

(defun flaglens-fail (format-string &rest args)
  (signal 'user-error (list (apply #'format format-string args))))

;; The user's configuration: a yaml-mode (a stand-in when the yaml-mode package is absent), the server
;; program for it, and Eglot started from the mode hook.
(unless (fboundp 'yaml-mode)
  (define-derived-mode yaml-mode text-mode "YAML"))
(add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode))
(add-to-list 'eglot-server-programs `(yaml-mode . ("node" ,flaglens-server "--stdio")))
(add-hook 'yaml-mode-hook #'eglot-ensure)
;; The folder is the project (no VCS needed): a transient project rooted at FLAGLENS_ROOT.
(add-hook 'project-find-functions
          (lambda (dir)
            (when (string-prefix-p flaglens-root (file-name-as-directory (expand-file-name dir)))
              (cons 'transient flaglens-root))))
(setq make-backup-files nil
      auto-save-default nil
      create-lockfiles nil
      eglot-sync-connect flaglens-wait
      eglot-autoshutdown t
      flymake-no-changes-timeout 0.1)

(defun flaglens-wait-until (predicate)
  "Process events until PREDICATE is non-nil or the wait runs out; return its value."
  (let ((deadline (+ (float-time) flaglens-wait))
        value)
    (while (and (not (setq value (funcall predicate))) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun flaglens-diagnostics ()
  "Eglot's Flymake diagnostics in the current buffer, as (LINE COL END-COL CODE TEXT LSP-DIAG)."
  (cl-loop for d in (flymake-diagnostics)
           for lsp = (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d)))
           when lsp
           collect (list (line-number-at-pos (flymake-diagnostic-beg d))
                         (save-excursion (goto-char (flymake-diagnostic-beg d)) (current-column))
                         (save-excursion (goto-char (flymake-diagnostic-end d)) (current-column))
                         (plist-get lsp :code)
                         (flymake-diagnostic-text d)
                         lsp)))

(defun flaglens-find-typo-diagnostic ()
  (cl-find-if (lambda (d) (and (equal (nth 3 d) "unknown-segment")
                               (string-match-p (regexp-quote (format "\"%s\"" flaglens-typo)) (nth 4 d))))
              (flaglens-diagnostics)))

(defun flaglens-run ()
  (unless (and flaglens-server flaglens-file (> flaglens-expect-line 0))
    (flaglens-fail "set FLAGLENS_SERVER, FLAGLENS_ROOT, FLAGLENS_FILE and FLAGLENS_EXPECT_LINE"))
  (find-file flaglens-file)
  (unless (eq major-mode 'yaml-mode) (flaglens-fail "major mode is %s, not yaml-mode" major-mode))
  ;; eglot-ensure connects from post-command-hook, which batch mode never runs by itself.
  (run-hooks 'post-command-hook)
  (unless (flaglens-wait-until (lambda () (bound-and-true-p eglot--managed-mode)))
    (flaglens-fail "Eglot did not start managing the buffer (server: %s)" flaglens-server))
  ;; 1. The diagnostic, through Flymake.
  (let ((d (flaglens-wait-until #'flaglens-find-typo-diagnostic))
        (typo-col (save-excursion
                    (goto-char (point-min))
                    (forward-line (1- flaglens-expect-line))
                    (when (search-forward flaglens-typo (line-end-position) t)
                      (- (current-column) (length flaglens-typo))))))
    (flaglens-record 'diagnostics (mapcar (lambda (x) (list (cons 'line (nth 0 x)) (cons 'col (nth 1 x)) (cons 'code (nth 3 x)) (cons 'message (nth 4 x))))
                                          (flaglens-diagnostics)))
    (unless d (flaglens-fail "no unknown-segment diagnostic within %ss: %S" flaglens-wait (flaglens-diagnostics)))
    (unless typo-col (flaglens-fail "line %d does not contain %s" flaglens-expect-line flaglens-typo))
    (unless (= (nth 0 d) flaglens-expect-line) (flaglens-fail "diagnostic on line %d, expected %d" (nth 0 d) flaglens-expect-line))
    (unless (and (= (nth 1 d) typo-col) (= (nth 2 d) (+ typo-col (length flaglens-typo))))
      (flaglens-fail "diagnostic spans columns %d-%d, expected %d-%d" (nth 1 d) (nth 2 d) typo-col (+ typo-col (length flaglens-typo))))
    (flaglens-say "ok diagnostic")
    ;; 2. Completion right after `segments: ', through Eglot's completion-at-point function.
    (goto-char (point-min))
    (forward-line (1- flaglens-expect-line))
    (move-to-column typo-col)
    (let* ((capf (eglot-completion-at-point))
           (labels (and capf (all-completions "" (nth 2 capf)))))
      (flaglens-record 'completion (vconcat (mapcar #'substring-no-properties labels)))
      (unless (member flaglens-fix labels) (flaglens-fail "completion lacks %s: %S" flaglens-fix labels)))
    (flaglens-say "ok completion")
    ;; 3. The quick fix, as M-x eglot-code-actions offers and runs it.
    (let* ((beg (save-excursion (move-to-column typo-col) (point)))
           (end (+ beg (length flaglens-typo)))
           (actions (eglot-code-actions beg end "quickfix"))
           (titles (mapcar (lambda (a) (plist-get a :title)) actions))
           (title (format "Change to \"%s\"" flaglens-fix))
           (before (buffer-substring-no-properties (line-beginning-position) (line-end-position)))
           (expected (concat (substring before 0 typo-col) flaglens-fix (substring before (+ typo-col (length flaglens-typo))))))
      (flaglens-record 'codeActions (vconcat titles))
      (unless (member title titles) (flaglens-fail "no code action %s: %S" title titles))
      (eglot-code-actions beg end "quickfix" t)
      (let ((line (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
        (flaglens-record 'fixedLine line)
        (unless (equal line expected)
          (flaglens-fail "after the fix the line reads: %s" line))))
    (flaglens-say "ok codeAction")
    ;; 4. The diagnostic goes away. Eglot sends didChange from an idle timer, and batch Emacs is never
    ;; idle, so save the buffer as a user would: Eglot flushes the change before didSave.
    (save-buffer)
    (unless (flaglens-wait-until (lambda () (not (flaglens-find-typo-diagnostic))))
      (flaglens-fail "the diagnostic is still there %ss after the fix" flaglens-wait))
    (flaglens-say "ok applied")))

(let ((ok (condition-case err
              (progn (flaglens-run) t)
            (error
             (flaglens-record 'error (error-message-string err))
             (flaglens-say (concat "FAIL " (error-message-string err)))
             nil))))
  (when ok (setcdr (assq 'ok flaglens-result) t))
  (when flaglens-result-file
    (with-temp-file flaglens-result-file (insert (json-encode flaglens-result))))
  (when ok (flaglens-say "passed"))
  ;; FLAGLENS_EVENTS: a file for Eglot's JSON-RPC log (the events buffer), to see what went over the wire.
  (let ((events-file (getenv "FLAGLENS_EVENTS"))
        (server (ignore-errors (eglot-current-server))))
    (when (and events-file server)
      (with-current-buffer (jsonrpc-events-buffer server)
        (write-region (point-min) (point-max) events-file nil 'silent))))
  (ignore-errors (let ((server (eglot-current-server))) (when server (eglot-shutdown server))))
  (kill-emacs (if ok 0 1)))

;;; check.el ends here
