/** BPMN files to and from the designer's disk. */
export function downloadXml(xml: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(new Blob([xml], { type: 'application/xml' }));
  a.download = fileName;
  a.click();
  URL.revokeObjectURL(a.href);
}

export function readText(file: File): Promise<string> {
  return file.text();
}
