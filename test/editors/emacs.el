;;; emacs.el --- Corpus Lens in Emacs with Eglot (batch)  -*- lexical-binding: t; -*-
;;
;; Run by test/editors/run.mjs:
;;   CL_SERVER=/abs/dist/server.js CL_SEEDS=/abs/seeds CL_OUT=/tmp/x/emacs.json \
;;     emacs --batch --no-init-file -l test/editors/emacs.el
;; Tested with Emacs 28.2 and Eglot 1.9 (Debian emacs-nox, elpa-eglot).  Writes what the
;; editor received (and what it made of it) as JSON to CL_OUT; the runner checks it.

(require 'cl-lib)
(require 'json)
(require 'eglot)
(require 'xref)

(defvar cl-server (or (getenv "CL_SERVER") (error "CL_SERVER")))
(defvar cl-seeds (file-name-as-directory (or (getenv "CL_SEEDS") (error "CL_SEEDS"))))
(defvar cl-out (or (getenv "CL_OUT") (error "CL_OUT")))
(defvar cl-article (expand-file-name "000_552278f0a494b428.txt" cl-seeds))

(defvar cl-result nil "Alist written to CL_OUT.")
(defun cl-put (key value) (push (cons key value) cl-result))

;; ---- The set-up docs/editors.md shows.
;; The server for text files (articles are .txt, which Emacs opens in text-mode).
;; Initialization options (the server's settings) after :initializationOptions.
(add-to-list 'eglot-server-programs
             `(text-mode . ("node" ,cl-server "--stdio" :initializationOptions (:latinInlayHints t))))
;; The project (and so the workspace folder the server indexes): the folder with a
;; `.corpus-lens' folder, else, here, the seeds folder (not the enclosing git repository).
(defun cl-corpus-project (dir)
  (let ((root (or (locate-dominating-file dir ".corpus-lens")
                  (and (file-in-directory-p dir cl-seeds) cl-seeds))))
    (and root `(transient . ,(expand-file-name root)))))
(add-hook 'project-find-functions #'cl-corpus-project)

;; The server's indexing status (a custom notification).
(defvar cl-indexed nil)
(defvar cl-statuses nil)
(cl-defmethod eglot-handle-notification
  (_server (_method (eql corpusLens/status)) &key indexing articles entities &allow-other-keys)
  (push `((indexing . ,(if (eq indexing :json-false) :json-false t)) (articles . ,articles) (entities . ,entities)) cl-statuses)
  (when (and (eq indexing :json-false) articles (> articles 0)) (setq cl-indexed t)))
;; ---- end of the set-up

;; What the server shows the user (window/showMessage), captured.
(defvar cl-messages nil)
(cl-defmethod eglot-handle-notification :before
  (_server (_method (eql window/showMessage)) &key type message)
  (push `((type . ,type) (message . ,message)) cl-messages))

;; Eglot's warnings (e.g. about a capability it cannot register), captured.
(defvar cl-warnings nil)
(advice-add 'eglot--warn :before
            (lambda (fmt &rest args) (push (apply #'format fmt args) cl-warnings)))

(defun cl-wait (pred seconds)
  (let ((deadline (+ (float-time) seconds)))
    (while (and (not (funcall pred)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    (funcall pred)))

(defun cl-main ()
  (cl-put 'emacs_version emacs-version)
  (cl-put 'eglot_version (or (ignore-errors
                               (with-temp-buffer
                                 (insert-file-contents (locate-library "eglot.el" t))
                                 (and (re-search-forward "^;; Version: \\(.*\\)$" nil t) (match-string 1))))
                             "?"))
  (find-file cl-article)
  (cl-put 'major_mode (symbol-name major-mode))
  (cl-put 'project_root (cdr (eglot--current-project)))
  ;; What M-x eglot does (eglot-ensure does the same from a command loop, which --batch has not),
  ;; waiting for the server's answer to initialize however long a loaded machine takes (Eglot
  ;; waits 3 s by default, then connects in the background, where a batch run does not follow).
  (setq eglot-sync-connect 60)
  (call-interactively #'eglot)
  (let ((server (eglot-current-server)))
    (unless server (error "no Eglot server for the article"))
    (cl-put 'hover_content_format
            (plist-get (plist-get (plist-get (eglot-client-capabilities server) :textDocument) :hover) :contentFormat))
    (cl-put 'did_change_configuration
            (or (plist-get (plist-get (eglot-client-capabilities server) :workspace) :didChangeConfiguration) :null))
    (cl-put 'indexed (if (cl-wait (lambda () cl-indexed) 90) t :json-false))
    ;; The cursor on «لافروف» in the line with «قال لافروف».
    (goto-char (point-min))
    (search-forward "قال لافروف")
    (goto-char (- (point) (length "لافروف")))
    (cl-put 'position (eglot--pos-to-lsp-position))
    ;; References as Eglot's xref backend shows them (it converts UTF-16 columns itself).
    (let* ((xrefs (xref-backend-references 'eglot (xref-backend-identifier-at-point 'eglot))))
      (cl-put 'reference_items
              (vconcat
               (mapcar (lambda (x)
                         (let* ((loc (xref-item-location x))
                                (summary (substring-no-properties (xref-item-summary x)))
                                (col (xref-file-location-column loc))
                                (len (xref-match-length x)))
                           `((file . ,(xref-file-location-file loc))
                             (line . ,(xref-file-location-line loc))
                             (column . ,col)
                             (text . ,(substring summary col (min (length summary) (+ col len)))))))
                       xrefs))))
    ;; The same requests, raw.
    (cl-put 'references (jsonrpc-request server :textDocument/references
                                         (append (eglot--TextDocumentPositionParams)
                                                 '(:context (:includeDeclaration t)))))
    (let ((hover (jsonrpc-request server :textDocument/hover (eglot--TextDocumentPositionParams))))
      (cl-put 'hover hover)
      ;; What the echo area / eldoc shows.
      (cl-put 'hover_rendered (and hover (substring-no-properties (eglot--hover-info (plist-get hover :contents))))))
    (cl-put 'document_symbols (jsonrpc-request server :textDocument/documentSymbol
                                               `(:textDocument ,(eglot--TextDocumentIdentifier))))
    ;; Imenu (M-x imenu): Eglot's outline index, its top-level groups.
    (cl-put 'imenu_groups (vconcat (mapcar #'car (eglot-imenu))))
    (cl-put 'workspace_symbols (jsonrpc-request server :workspace/symbol '(:query "lavrov")))
    ;; An initialization option at work: latinInlayHints (off by default) gives Latin names.
    (cl-put 'inlay_hints (jsonrpc-request server :textDocument/inlayHint
                                          `(:textDocument ,(eglot--TextDocumentIdentifier)
                                            :range (:start (:line 0 :character 0)
                                                    :end (:line ,(count-lines (point-min) (point-max)) :character 0)))))
    ;; Settings changed later: eglot-workspace-configuration, sent as workspace/didChangeConfiguration.
    (cl-put 'messages_before_settings (length cl-messages))
    (setq cl-indexed nil)
    (setq-default eglot-workspace-configuration '(:corpusLens (:maxReferences 5)))
    (eglot-signal-didChangeConfiguration server)
    (cl-put 'reindexed (if (cl-wait (lambda () cl-indexed) 30) t :json-false))
    (cl-put 'references_limited (jsonrpc-request server :textDocument/references
                                                 (append (eglot--TextDocumentPositionParams)
                                                         '(:context (:includeDeclaration t)))))
    ;; A discovered name adopted through its code action, as a user does it: picks the action that
    ;; adds the name from Eglot's menu, then approves the edit of the workspace catalog Eglot asks
    ;; about (the catalog is not open). The edit goes to a buffer left unsaved (a batch Emacs
    ;; exits without saving it), and the server reads the catalog as edited at once.
    (cl-put 'adopt_discovered_before (jsonrpc-request server :corpusLens/entity '(:id "discovered:مويد-شعبان")))
    (goto-char (point-min))
    (search-forward "مؤيد شعبان")
    (goto-char (- (point) 3))
    (let ((titles nil)
          (asked nil)
          (catalog (expand-file-name ".corpus-lens/catalog.json" cl-seeds))
          ;; Not a mouse event: Eglot then offers its menu through `completing-read'.
          (last-nonmenu-event 13))
      (cl-letf (((symbol-function 'completing-read)
                 (lambda (_prompt collection &rest _)
                   (setq titles (mapcar #'car collection))
                   (cl-find-if (lambda (title) (string-prefix-p "Add" title)) titles)))
                ((symbol-function 'y-or-n-p)
                 (lambda (prompt) (setq asked prompt) t)))
        (eglot-code-actions (point) (point) nil t))
      (cl-put 'adopt_titles (vconcat titles))
      (cl-put 'adopt_asked (or asked :null))
      (let* ((buf (find-buffer-visiting catalog))
             (text (if buf (with-current-buffer buf (buffer-substring-no-properties (point-min) (point-max))) ""))
             (parsed (ignore-errors (json-read-from-string text)))
             (entities (and (consp parsed) (cdr (assq 'entities parsed))))
             (id (and (vectorp entities) (> (length entities) 0) (cdr (assq 'id (aref entities 0))))))
        (cl-put 'adopt_catalog text)
        (cl-put 'adopt_modified (if (and buf (buffer-modified-p buf)) t :json-false))
        (cl-put 'adopt_on_disk (if (file-exists-p catalog) t :json-false))
        (when id
          (cl-put 'adopt_linked (if (cl-wait (lambda () (jsonrpc-request server :corpusLens/entity `(:id ,id))) 30) t :json-false))
          (cl-put 'adopt_entity (jsonrpc-request server :corpusLens/entity `(:id ,id)))
          ;; nil, written as null, once the name is no discovered one.
          (cl-put 'adopt_discovered (jsonrpc-request server :corpusLens/entity '(:id "discovered:مويد-شعبان"))))))
    (cl-put 'messages (vconcat (reverse cl-messages)))
    (cl-put 'statuses (vconcat (reverse cl-statuses)))
    ;; Shutdown: signals an error unless the server answers `shutdown' within 1.5 s.
    (eglot-shutdown server nil nil t)
    (cl-put 'stopped (if (jsonrpc-running-p server) :json-false t))
    ;; The events buffer: every message exchanged, as Eglot logs it.
    (let ((events (with-current-buffer (jsonrpc-events-buffer server) (buffer-substring-no-properties (point-min) (point-max)))))
      (with-temp-file (concat cl-out ".events.txt") (insert events))
      (cl-put 'events_register_capability (if (string-match-p "client/registerCapability" events) t :json-false))
      (cl-put 'events_shutdown (if (string-match-p ":method \"shutdown\"" events) t :json-false))
      (cl-put 'events_did_change_configuration (if (string-match-p "workspace/didChangeConfiguration" events) t :json-false)))))


(condition-case err
    (cl-main)
  (error (cl-put 'script_error (format "%S" err))))
(cl-put 'warnings (vconcat (reverse cl-warnings)))
(with-temp-file cl-out
  (set-buffer-file-coding-system 'utf-8)
  (insert (let ((json-encoding-pretty-print nil)) (json-encode cl-result))))
(kill-emacs 0)
