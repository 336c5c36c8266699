import { Button, Space, Typography, Upload, type UploadFile } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';

/** The types the server accepts (it judges by content; this only filters the file picker). */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** A file's content as base64 (the JSON APIs take files that way). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Picked files as the request bodies want them: `{fileName, contentBase64}`. */
export function filesToBase64(files: readonly UploadFile[]): Promise<Array<{ fileName: string; contentBase64: string }>> {
  return Promise.all(files.map(async (f) => ({ fileName: f.name, contentBase64: await fileToBase64(f.originFileObj as Blob) })));
}

/**
 * A file picker that keeps the files in the page (nothing is sent until the form is): PDF, JPEG,
 * PNG, at most `max`. Controlled: `value` / `onChange`, so it sits in an antd `Form.Item`.
 */
export function EvidenceUpload({ value, onChange, max, label, testId }: { value?: UploadFile[]; onChange?: (files: UploadFile[]) => void; max: number; label: string; testId: string }) {
  return (
    <Upload multiple={max > 1} maxCount={max} accept={ACCEPT} fileList={value ?? []} beforeUpload={() => false} onChange={({ fileList }) => onChange?.(fileList)}>
      <Button icon={<UploadOutlined />} data-testid={testId}>
        {label}
      </Button>
    </Upload>
  );
}

const size = (bytes: number) => (bytes >= 1_048_576 ? `${(bytes / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);

/** Stored files as download links (each download is a logged read on the server). */
export function FileLinks({ files, href, label }: { files: ReadonlyArray<{ id: string; fileName: string; bytes: number }>; href: (fileId: string) => string; label?: (fileId: string) => string | null }) {
  if (files.length === 0) return null;
  return (
    <Space orientation="vertical" size={0}>
      {files.map((f) => (
        <Typography.Link key={f.id} href={href(f.id)} download data-testid={`file-${f.id}`}>
          <PaperClipOutlined /> {label?.(f.id) ? `${label(f.id)}：` : ''}
          {f.fileName} <Typography.Text type="secondary">({size(f.bytes)})</Typography.Text>
        </Typography.Link>
      ))}
    </Space>
  );
}
