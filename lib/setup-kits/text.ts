export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/** `# text`, wrapped to 96 columns with the indent (YAML and HCL comments). */
export function comments(text: string, indent = ""): string[] {
  return wrap(text, 96 - indent.length).map((line) => `${indent}# ${line}`);
}

/** `# label text`, wrapped, later lines indented under the text. */
export function commentField(label: string, text: string, labelWidth: number, width = 96): string[] {
  const head = `#   ${label.padEnd(labelWidth)} `;
  return wrap(text, width - head.length).map((line, i) => (i === 0 ? `${head}${line}` : `#${" ".repeat(head.length - 1)}${line}`));
}

/**
 * The bucket policy of the S3 option: object reads and writes are denied unless they come through
 * the gateway endpoint (aws:SourceVpce). Bucket-level actions stay open to your admins, so the
 * policy cannot lock you out of the bucket itself.
 */
export function bucketPolicyDocument(bucket: string, endpointId: string) {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "OnlyThroughTheS3GatewayEndpoint",
        Effect: "Deny",
        Principal: "*",
        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
        Resource: `arn:aws:s3:::${bucket}/*`,
        Condition: { StringNotEquals: { "aws:SourceVpce": endpointId } },
      },
    ],
  };
}
