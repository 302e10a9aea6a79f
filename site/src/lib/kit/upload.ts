/**
 * A file upload with its progress shown as it goes (XMLHttpRequest: fetch reports no upload
 * progress), carrying the session's CSRF token. Resolves with the status and the parsed answer.
 */
export function upload(
  url: string,
  file: Blob,
  opts: { contentType: string; csrf: string | null; progress?: HTMLProgressElement; method?: "POST" | "PUT" },
): Promise<{ status: number; body: unknown }> {
  const bar = opts.progress;
  if (bar) {
    bar.hidden = false;
    bar.value = 0;
  }
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(opts.method ?? "POST", url);
    xhr.setRequestHeader("content-type", opts.contentType);
    xhr.setRequestHeader("accept", "application/json");
    if (opts.csrf) xhr.setRequestHeader("x-csrf-token", opts.csrf);
    xhr.upload.onprogress = (p) => {
      if (bar && p.lengthComputable) bar.value = Math.round((p.loaded / p.total) * 100);
    };
    xhr.onload = () => {
      if (bar) bar.value = 100;
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText || "null");
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("upload failed"));
    xhr.send(file);
  });
}
